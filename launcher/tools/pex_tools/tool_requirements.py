# The app's distributions as pex sees them: their metadata, PEP 508
# requirements (printed as pex prints them, markers evaluated), and pex's
# resolution order (depth first from PEX-INFO's requirements, each
# distribution before its dependencies).
import os
import re
from collections import OrderedDict

from tool_common import CONTEXT, PEX_INFO, app_units


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

    def applies(self, environment):
        return not self.marker or evaluate_marker(self.marker, environment)


# PEP 508 markers ------------------------------------------------------------


def version_key(text):
    # Enough of PEP 440 ordering for marker values (python_version and the like).
    match = re.match(r"^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d*))?"
                     r"(?:[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?$", text.strip().lower())
    if not match:
        return None
    release = [int(p) for p in match.group(1).split(".")]
    while len(release) > 1 and release[-1] == 0:
        release.pop()
    pre = (0, 0) if not match.group(2) else (-1, int(match.group(3) or 0))
    post = int(match.group(5) or 0) if match.group(4) else -1
    dev = int(match.group(6) or 0) if match.group(6) is not None else None
    return (tuple(release), pre if dev is None or match.group(2) else (-2, 0), post,
            dev if dev is not None else float("inf"))


def compare(left, op, right):
    if op in ("in", "not in"):
        return (left in right) == (op == "in")
    if op == "===":
        return left == right
    if op in ("==", "!=") and right.endswith(".*"):
        prefix = right[:-2].split(".")
        matches = left.split(".")[:len(prefix)] == prefix
        return matches == (op == "==")
    lkey, rkey = version_key(left), version_key(right)
    if lkey is None or rkey is None:
        if op == "==":
            return left == right
        if op == "!=":
            return left != right
        return False
    if op == "~=":
        parts = right.split(".")
        prefix = ".".join(parts[:-1]) + ".*"
        return lkey >= rkey and compare(left, "==", prefix)
    return {"==": lkey == rkey, "!=": lkey != rkey, "<": lkey < rkey, "<=": lkey <= rkey,
            ">": lkey > rkey, ">=": lkey >= rkey}[op]


def evaluate_marker(text, environment):
    tokens = marker_tokens(text) or []
    pos = [0]

    def peek():
        return tokens[pos[0]] if pos[0] < len(tokens) else None

    def take():
        pos[0] += 1
        return tokens[pos[0] - 1]

    def value():
        token = take()
        if token[0] in "'\"":
            return token[1:-1], False
        return environment.get(token, ""), token == "extra"

    def atom():
        if peek() == "(":
            take()
            result = either()
            take()  # ")"
            return result
        left, left_extra = value()
        op = take()
        right, right_extra = value()
        if left_extra or right_extra:
            left, right = project_key(left), project_key(right)
        return compare(left, op, right)

    def both():
        result = atom()
        while peek() == "and":
            take()
            result = atom() and result
        return result

    def either():
        result = both()
        while peek() == "or":
            take()
            result = both() or result
        return result

    try:
        return either()
    except (IndexError, KeyError, ValueError):
        return False


def marker_environment(extra=""):
    environment = dict(CONTEXT["interpreter"]["probe"]["markers"])
    environment["extra"] = extra
    return environment


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
            if any(dep.applies(marker_environment(e)) for e in (extras or [""])):
                visit(dep, dep.extras)

    for text in PEX_INFO.get("requirements") or []:
        requirement = Requirement(text)
        if requirement.applies(marker_environment()):
            visit(requirement, requirement.extras)
    for key, dist in by_key.items():
        ordered.setdefault(key, dist)
    return list(ordered.values())
