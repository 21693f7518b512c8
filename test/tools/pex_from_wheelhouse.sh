#!/usr/bin/env bash
# pex resolving from the tests' wheelhouse alone (test/wheelhouse.lock), never
# from PyPI: what the tests call as $PEX_TOOL when the build has a wheelhouse.
# FIND_LINKS is its page (test/tools/wheelhouse.py says why not the directory).
exec "${REAL_PEX:?}" --no-pypi --find-links "${FIND_LINKS:?}" "$@"
