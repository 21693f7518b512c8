import sys

import cowsay


def main():
    words = " ".join(sys.argv[1:]) or "Hello from a .pexrc!"
    cowsay.cow(words)
    print("python %d.%d.%d at %s" % (sys.version_info[:3] + (sys.executable,)))
    return 0
