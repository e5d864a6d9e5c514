#!/usr/bin/env python3
"""Every version of wincompat that the documentation names is the project's.

The version lives in one place, project(VERSION) in CMakeLists.txt. README,
docs/, action.yml and the pre-commit files name it in install commands and
examples (`wincompat_0.2.0_amd64.deb`, `uses: .../wincompat@v0.2.0`,
`rev: v0.2.0`, `wincompat:0.2.0`); this check finds each of those and fails
on any that differs, so a release cannot ship docs that install an older one.

    check_versions.py ROOT            # check; exit 1 naming each stale place
    check_versions.py ROOT --write    # rewrite them to the project's version
    check_versions.py --self-test     # the patterns find what they must

CHANGELOG.md is history (it names every version) and is not checked.
"""
import pathlib
import re
import sys

V = r"(?P<v>\d+\.\d+\.\d+)"
# Each pattern is a place where wincompat's own version is written; the
# named group v is the version. Other tools' versions (kubectl v1.29, image
# tags) do not match these.
PATTERNS = [
    re.compile(r"wincompat@v" + V),  # uses: OWNER/wincompat@v0.2.0
    re.compile(r"wincompat_" + V + r"_"),  # wincompat_0.2.0_amd64.deb
    re.compile(r"wincompat-" + V + r"-"),  # wincompat-0.2.0-Linux-x86_64.tar.gz
    re.compile(r"wincompat:" + V),  # a container image tag
    re.compile(r"\brev: v" + V),  # pre-commit
    re.compile(r"release tag \(`?@?v" + V),  # "a release tag (v0.2.0)"
    re.compile(r"git checkout v" + V),
    re.compile(r'"name": "wincompat", "version": "' + V + '"'),
    re.compile(r"wincompat " + V + r"\b"),  # `wincompat --version` output
    re.compile(r"releases/download/v" + V),
    re.compile(r"wincompat, ref: v" + V),  # actions/checkout of wincompat
    re.compile(r"wincompat/wincompat/v" + V + r"/"),  # raw.githubusercontent.com links (the config schema)
]
# Where wincompat is published: scripts/repository.env names it once; the
# docs' `uses:`, `repository:` and GitHub links must name the same, and no
# placeholder such as OWNER/wincompat is left for a reader to fill in.
REPOSITORY_PATTERNS = [
    re.compile(r"github\.com/(?P<r>[A-Za-z0-9_.-]+/wincompat)\b"),
    re.compile(r"(?P<r>[A-Za-z0-9_.-]+/wincompat)@"),
    re.compile(r"repository: (?P<r>[A-Za-z0-9_.-]+/wincompat)\b"),
]


def project_version(root):
    text = (root / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(wincompat VERSION (\d+\.\d+\.\d+)", text)
    if not match:
        sys.exit("check_versions.py: no project(wincompat VERSION x.y.z) in CMakeLists.txt")
    return match.group(1)


def documents(root):
    files = [root / "README.md", root / "action.yml", root / ".pre-commit-hooks.yaml"]
    files += sorted((root / "docs").rglob("*.md"))
    files += sorted((root / "pre-commit-hooks").glob("*"))
    return [f for f in files if f.is_file()]


def stale_places(text, version):
    """(line number, found version, line) for each place naming another version."""
    places = []
    for number, line in enumerate(text.splitlines(), 1):
        for pattern in PATTERNS:
            for match in pattern.finditer(line):
                if match.group("v") != version:
                    places.append((number, match.group("v"), line.strip()))
    return places


def repository_of(root):
    text = (root / "scripts" / "repository.env").read_text(encoding="utf-8")
    match = re.search(r"^WINCOMPAT_REPOSITORY=(\S+)$", text, re.M)
    if not match:
        sys.exit("check_versions.py: scripts/repository.env names no WINCOMPAT_REPOSITORY")
    return match.group(1)


def wrong_repositories(text, repository):
    """(line number, found, line) for each place naming another repository or a placeholder."""
    places = []
    for number, line in enumerate(text.splitlines(), 1):
        if "OWNER/" in line:
            places.append((number, "OWNER/", line.strip()))
            continue
        for pattern in REPOSITORY_PATTERNS:
            for match in pattern.finditer(line):
                if match.group("r") != repository and not match.group("r").startswith("someone/"):
                    places.append((number, match.group("r"), line.strip()))
    return places


def rewrite(text, version):
    for pattern in PATTERNS:
        text = pattern.sub(lambda m: m.group(0)[: m.start("v") - m.start()] + version +
                           m.group(0)[m.end("v") - m.start():], text)
    return text


def self_test():
    stale = ("sudo apt install ./wincompat_0.1.0_amd64.deb\n"
             "  - uses: wincompat/wincompat@v0.1.0\n"
             "    rev: v0.1.0\n"
             "tar -xzf wincompat-0.1.0-Linux-x86_64.tar.gz\n"
             "docker run registry.example.com/tools/wincompat:0.1.0\n"
             'then "tool": { "name": "wincompat", "version": "0.1.0" }\n'
             "When that ref is a release tag (v0.1.0) the action\n")
    found = stale_places(stale, "0.2.0")
    assert len(found) == 7, found
    fixed = rewrite(stale, "0.2.0")
    assert stale_places(fixed, "0.2.0") == [], fixed
    assert "wincompat_0.2.0_amd64.deb" in fixed and "rev: v0.2.0" in fixed, fixed
    others = ("kubectl v1.29.3\nimage: registry.k8s.io/csi/livenessprobe:v2.2.0\n"
              "helm v3.14.0 renders\napiVersion: v2\nversion: 0.1.0\n")
    assert stale_places(others, "0.2.0") == [], stale_places(others, "0.2.0")
    wrong = wrong_repositories("- uses: OWNER/wincompat@v1\n- repo: https://github.com/x/wincompat\n"
                               "  uses: wincompat/wincompat@v0.2.0\n", "wincompat/wincompat")
    assert [w[1] for w in wrong] == ["OWNER/", "x/wincompat"], wrong
    print("check_versions.py: self-test passed")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return 0
    if len(argv) < 2:
        sys.exit(__doc__)
    root = pathlib.Path(argv[1])
    version = project_version(root)
    repository = repository_of(root)
    write = "--write" in argv[2:]
    failures = 0
    for path in documents(root):
        text = path.read_text(encoding="utf-8")
        for number, found, line in wrong_repositories(text, repository):
            print(f"{path.relative_to(root)}:{number}: names {found}, not {repository} "
                  f"(scripts/repository.env): {line}")
            failures += 1
        places = stale_places(text, version)
        if not places:
            continue
        if write:
            path.write_text(rewrite(text, version), encoding="utf-8")
            print(f"{path.relative_to(root)}: {len(places)} version(s) set to {version}")
            continue
        for number, found, line in places:
            print(f"{path.relative_to(root)}:{number}: names wincompat {found}, not the project's "
                  f"{version}: {line}")
            failures += 1
    if failures:
        print(f"{failures} problem(s); versions are fixed with: python3 tests/docs/check_versions.py . --write")
        return 1
    if not write:
        print(f"every version of wincompat named in the docs is {version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
