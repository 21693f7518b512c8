# launcher/venv/pex_runtime.py, pex's run-time behaviour, on each interpreter.
import os
import textwrap


def test_flag_is_true_only_for_1_and_true_in_any_case(python):
    values = ["1", "true", "TRUE", "True", "0", "false", "", "yes", "on", " 1"]
    got = python.value(textwrap.dedent("""
        from pex_runtime import flag
        values = %r
        emit([flag({"X": v}, "X") for v in values] + [flag({}, "X")])
    """ % values))
    assert got == [True, True, True, True, False, False, False, False, False, False, False]


def test_bin_dir_goes_before_or_after_path(python):
    got = python.value(textwrap.dedent("""
        from pex_runtime import with_bin_dir
        out = []
        for path, mode in (("/a:/b", "prepend"), ("/a:/b", "append"), ("/a::/b", "append"),
                           (None, "prepend"), ("", "append")):
            env = {} if path is None else {"PATH": path}
            with_bin_dir(env, "/venv/bin", mode)
            out.append(env["PATH"])
        emit(out)
    """))
    # The user's own empty entry stays; an unset PATH gains none.
    assert got == ["/venv/bin:/a:/b", "/a:/b:/venv/bin", "/a::/b:/venv/bin", "/venv/bin", "/venv/bin"]


def test_strip_pex_env_removes_only_pex_variables(python):
    got = python.value(textwrap.dedent("""
        from pex_runtime import strip_pex_env
        plain = {"PEX_ROOT": "r", "PEX_EXTRA_SYS_PATH": "/x", "PEXRC_ROOT": "k", "HOME": "h"}
        kept = dict(plain)
        strip_pex_env(plain)
        strip_pex_env(kept, keep_extra_sys_path=True)
        emit([plain, kept])
    """))
    assert got == [{"PEXRC_ROOT": "k", "HOME": "h"},
                   {"PEXRC_ROOT": "k", "HOME": "h", "__PEX_EXTRA_SYS_PATH__": "/x"}]


def test_inject_env_never_overrides_the_callers_value(python):
    got = python.value(textwrap.dedent("""
        from pex_runtime import inject_env
        env = {"A": "caller"}
        inject_env(env, [("A", "pex"), ("B", "pex")])
        emit(env)
    """))
    assert got == {"A": "caller", "B": "pex"}


def test_injected_args_fill_in_environment_values(python):
    got = python.value(textwrap.dedent("""
        from pex_runtime import injected_args
        emit(injected_args(["--port={pex.env.PORT}", "--user={pex.env.NOBODY}", "plain"],
                           {"PORT": "8080"}))
    """))
    assert got == ["--port=8080", "--user=", "plain"]


def test_bound_resource_is_found_on_sys_path(python, tmp_path):
    data = tmp_path / "lib" / "pkg"
    data.mkdir(parents=True)
    (data / "data.txt").write_text(u"x")
    got = python.value(textwrap.dedent("""
        import sys
        from pex_runtime import bind_resource_paths
        sys.path[:0] = ["/nonexistent", %r]
        env = {}
        bind_resource_paths(env, [("DATA", "pkg/data.txt")])
        emit(env)
    """ % str(tmp_path / "lib")))
    assert got == {"DATA": str(data / "data.txt")}


def test_bad_resource_bindings_end_the_run_as_pex_ends_it(python):
    program = textwrap.dedent("""
        from pex_runtime import bind_resource_paths
        bind_resource_paths({}, [("DATA", %r)])
    """)
    for resource in ("/etc/passwd", "../outside.txt", "a/../../outside.txt"):
        status, _, err = python.run(program % resource)
        assert status == 1
        assert "The following resource binding spec is invalid: DATA=%s" % resource in err
    status, _, err = python.run(program % "pkg/missing.txt")
    assert status == 1
    assert "There was no resource file pkg/missing.txt found on the `sys.path`" in err


def test_entry_points_run_with_or_without_extras(python, tmp_path):
    (tmp_path / "app.py").write_text(textwrap.dedent(u"""
        import sys
        class Tool(object):
            @staticmethod
            def run():
                return "method"
        def main():
            return "function " + " ".join(sys.argv[1:])
        if __name__ == "__main__":
            sys.stdout.write("as __main__")
    """))
    status, out, err = python.run(textwrap.dedent("""
        import json, sys
        sys.path.insert(0, %r)
        sys.argv = ["app", "x"]
        from pex_runtime import run_entry_point
        values = [run_entry_point("app:main"), run_entry_point("app:main [cli]"),
                  run_entry_point("app:main[cli, extra]"), run_entry_point("app:Tool.run")]
        sys.stdout.write(json.dumps(values) + "|")
        run_entry_point("app [cli]")
    """ % str(tmp_path)))
    assert status == 0, err
    assert out == '["function x", "function x", "function x", "method"]|as __main__'


def test_read_program_makes_argv_as_python_does(python, tmp_path):
    script = tmp_path / "script.py"
    script.write_text(u"print('hi')\n")
    package = tmp_path / "pkgdir"
    package.mkdir()
    (package / "__main__.py").write_text(u"print('main')\n")
    got = python.value(textwrap.dedent("""
        import sys
        from pex_runtime import read_program
        out = []
        for args in (["-c", "print(1)", "a"], [%r, "b"], [%r], ["-", "c"]):
            name, source = read_program(args)
            out.append([name, source, sys.argv])
        emit(out)
    """ % (str(script), str(package))), stdin=b"print(2)\n")
    assert got == [["-c <cmd>", "print(1)", ["-c", "a"]],
                   [str(script), "print('hi')\n", [str(script), "b"]],
                   [str(package), "print('main')\n", [str(package)]],
                   ["-", "print(2)\n", ["-", "c"]]]


def test_read_program_wants_the_command_after_c(python):
    status, _, err = python.run("from pex_runtime import read_program\nread_program(['-c'])")
    assert (status, err) == (2, "Argument expected for the -c option\n")


def test_programs_run_as_main_with_their_name(python):
    got = python.value(textwrap.dedent("""
        from pex_runtime import exec_program
        import pex_runtime
        seen = []
        pex_runtime.seen = seen
        exec_program("<given>", "import pex_runtime\\npex_runtime.seen.append([__name__, __file__])")
        emit(seen)
    """))
    assert got == [["__main__", "<given>"]]


def test_inherit_path_modes(python):
    got = python.value(textwrap.dedent("""
        from pex_runtime import inherit_modes
        cases = [({}, "false"), ({"PEX_INHERIT_PATH": "prefer"}, "false"),
                 ({"PEX_INHERIT_PATH": "fallback"}, "prefer"), ({"PEX_INHERIT_PATH": "false"}, "prefer"),
                 ({}, "fallback")]
        emit([list(inherit_modes(env, built_in)) for env, built_in in cases])
    """))
    # PEX_INHERIT_PATH widens what stays importable but never narrows it;
    # any value it has decides where the PEX's entries go.
    assert got == [["false", "false"], ["prefer", "prefer"], ["fallback", "fallback"],
                   ["prefer", "false"], ["fallback", "fallback"]]


def test_sys_path_blocks_per_inherit_mode(python, tmp_path):
    app_site = tmp_path / "venv" / "site-packages"
    app_site.mkdir(parents=True)
    user = tmp_path / "user"
    user.mkdir()
    got = python.value(textwrap.dedent("""
        import sys
        from pex_runtime import arrange_sys_path
        stdlib = [p for p in sys.path if p and "site-packages" not in p and p != %(runtime)r]
        app = [%(app_site)r, %(app_site)r + "/wheel"]
        env = {"PYTHONPATH": %(user)r}
        out = []
        for keep, order in (("false", "false"), ("prefer", "prefer"), ("fallback", "fallback"),
                            ("fallback", "false")):
            sys.path[:] = [%(user)r] + stdlib + app
            arrange_sys_path(env, %(app_site)r, keep, order)
            out.append([("user" if p == %(user)r else "app" if p in app else
                         "stdlib" if p in stdlib else "base") for p in sys.path])
        emit(out)
    """ % {"runtime": os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(
        os.path.abspath(__file__)))), "launcher", "venv"),
        "app_site": str(app_site), "user": str(user)}))

    def blocks(order):
        out = []
        for kind in order:
            if not out or out[-1] != kind:
                out.append(kind)
        return [b for b in out if b != "base"]  # the base site may be empty

    hermetic, prefer, fallback, fallback_order_false = got
    assert blocks(hermetic) == ["stdlib", "app"]
    assert blocks(prefer) == ["user", "stdlib", "app"]
    assert blocks(fallback) == ["stdlib", "app", "user"]
    assert blocks(fallback_order_false) == ["stdlib", "user", "app"]


def test_the_lease_is_kept_from_exec_children(python, tmp_path):
    lease = str(tmp_path / "lease")
    got = python.value(textwrap.dedent("""
        import fcntl, os
        from pex_runtime import keep_lease_from_children
        fd = os.open(%r, os.O_WRONLY | os.O_CREAT)
        if hasattr(os, "set_inheritable"):
            os.set_inheritable(fd, True)  # as the launcher hands it over
        before = fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
        keep_lease_from_children(str(fd))
        after = fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
        keep_lease_from_children(None)
        keep_lease_from_children("not a number")
        keep_lease_from_children("999")  # closed: nothing to do
        emit([bool(before), bool(after)])
    """ % lease))
    assert got == [False, True]
