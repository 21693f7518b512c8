# The app's distributions as pex sees them: their metadata, PEP 508
# requirements (printed as pex prints them), and pex's resolution order
# (depth first from PEX-INFO's requirements, each distribution before its
# dependencies). Markers are evaluated by the launcher's resolver, which
# hands the results over in CONTEXT["marker_results"].
import os
import re
from collections import OrderedDict

from tool_common import CONTEXT, PEX_INFO, ToolError, app_units


def project_key(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read_metadata(path):
    # Core metadata headers (RFC 822 style), up to the description body.
    fields = OrderedDict()
    with open(path, "rb") as f:
        text = f.read().decode("utf-8", "replace")
    last = None
    for line in text.splitlines():
        if not line:
            break
        if line[0] in " \t" and last:
            fields[last][-1] += "\n" + line.strip()
            continue
        name, _, value = line.partition(":")
        last = name.strip()
        fields.setdefault(last, []).append(value.strip())
    return fields


class Distribution(object):
    """One wheel chroot of the app in pexrc's cache."""

    def __init__(self, wheel_file, location):
        self.wheel_file = wheel_file
        self.location = location
        self.dist_info = next(n for n in sorted(os.listdir(location)) if n.endswith(".dist-info"))
        self.metadata = read_metadata(os.path.join(location, self.dist_info, "METADATA"))
        self.project_name = self.metadata.get("Name", [""])[0]
        self.version = self.metadata.get("Version", [""])[0]
        self.requires = [Requirement(r) for r in self.metadata.get("Requires-Dist", [])]

    def __str__(self):
        return "%s %s" % (self.project_name, self.version)


# Requirements -------------------------------------------------------------

MARKER_TOKEN = re.compile(
    r"""\s*('[^']*'|"[^"]*"|\(|\)|===|==|!=|<=|>=|~=|<|>|not\s+in\b|\w[\w.-]*)""")
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?\s*(.*)$")


def normal_specifiers(text):
    # As packaging prints a SpecifierSet: each without spaces, sorted, ",".
    specs = [re.sub(r"\s+", "", s) for s in text.strip().strip("()").split(",")]
    return ",".join(sorted(s for s in specs if s))


def marker_tokens(text):
    tokens, pos, text = [], 0, text.strip()
    while pos < len(text):
        match = MARKER_TOKEN.match(text, pos)
        if not match:
            return None
        token = match.group(1)
        pos = match.end()
        if token.startswith("not") and token != "not":
            token = "not in"
        tokens.append(token)
    return tokens


def marker_tree(tokens):
    """Nested lists of (left, op, right) comparisons and "and"/"or", as
    parenthesised; raises IndexError or ValueError on a malformed marker."""
    pos = [0]

    def group():
        items = [item()]
        while pos[0] < len(tokens) and tokens[pos[0]] in ("and", "or"):
            items.append(tokens[pos[0]])
            pos[0] += 1
            items.append(item())
        return items

    def item():
        if tokens[pos[0]] == "(":
            pos[0] += 1
            inner = group()
            if tokens[pos[0]] != ")":
                raise ValueError("unbalanced parentheses")
            pos[0] += 1
            return inner
        left, op, right = tokens[pos[0]:pos[0] + 3]
        if len(tokens[pos[0]:pos[0] + 3]) < 3:
            raise IndexError("comparison cut short")
        pos[0] += 3
        return (left, op, right)

    tree = group()
    if pos[0] != len(tokens):
        raise ValueError("trailing tokens")
    return tree


def format_marker(node, first=True, top=True):
    # packaging's rendering: a group of one loses its parentheses, as does
    # the whole marker; literals in double quotes; extra names canonical in
    # the comparisons outside parentheses (packaging normalizes only those).
    if isinstance(node, list) and len(node) == 1 and isinstance(node[0], (list, tuple)):
        return format_marker(node[0], first, top and isinstance(node[0], tuple))
    if isinstance(node, list):
        inner = " ".join(n if isinstance(n, str) else
                         format_marker(n, False, top and isinstance(n, tuple)) for n in node)
        return inner if first else "(" + inner + ")"
    left, op, right = node
    is_extra = top and "extra" in (left, right)

    def literal(token):
        if token[0] not in "'\"":
            return token
        value = token[1:-1]
        return '"%s"' % (project_key(value) if is_extra else value)

    return "%s %s %s" % (literal(left), op, literal(right))


def normal_marker(text):
    """A marker as packaging prints it; as given when it does not parse."""
    tokens = marker_tokens(text)
    try:
        return format_marker(marker_tree(tokens)) if tokens else text.strip()
    except (IndexError, ValueError):
        return text.strip()


class Requirement(object):
    def __init__(self, text):
        self.text = text.strip()
        spec, _, marker = text.partition(";")
        match = REQUIREMENT.match(spec)
        self.url = bool(match and match.group(3).startswith("@"))
        self.name = match.group(1) if match else spec.strip()
        self.key = project_key(self.name)
        extras = match.group(2) if match else None
        self.extras = sorted(e.strip() for e in (extras or "").split(",") if e.strip())
        self.specifier = "" if self.url or not match else normal_specifiers(match.group(3))
        self.marker = normal_marker(marker) if marker.strip() else ""

    def __str__(self):
        """As pex prints it (packaging's str(Requirement))."""
        if self.url:
            return self.text
        text = self.name
        if self.extras:
            text += "[%s]" % ",".join(self.extras)
        text += self.specifier
        if self.marker:
            text += "; " + self.marker
        return text

    def applies(self, extra=""):
        """Whether the marker holds for the app's interpreter with `extra`."""
        if not self.marker:
            return True
        holds = CONTEXT["marker_results"].get(self.text)
        if holds is None:
            raise ToolError("pexrc's launcher evaluated no marker for the requirement %r" % self.text)
        return project_key(extra) in holds


# The app's distributions ------------------------------------------------------


def distributions():
    """The wheels the app runs with, in pex's resolution order."""
    found = [Distribution(name, path) for name, path in app_units()[1]]
    by_key = OrderedDict((project_key(d.project_name), d) for d in sorted(found, key=lambda d: d.wheel_file))
    ordered = OrderedDict()

    def visit(requirement, extras):
        dist = by_key.get(requirement.key)
        if dist is None or requirement.key in ordered:
            return
        ordered[requirement.key] = dist
        for dep in dist.requires:
            if any(dep.applies(e) for e in (extras or [""])):
                visit(dep, dep.extras)

    for text in PEX_INFO.get("requirements") or []:
        requirement = Requirement(text)
        if requirement.applies():
            visit(requirement, requirement.extras)
    for key, dist in by_key.items():
        ordered.setdefault(key, dist)
    return list(ordered.values())
