#!/usr/bin/env python3
"""Checks every relative link in every tracked Markdown file of the repository.

    check_links.py REPO_ROOT [FILE.md ...]

A link must name a file or folder inside the repository, and an anchor
(`page.md#section`, `#section`) a heading of the Markdown page it points at,
spelled as GitHub spells heading anchors. Links with a scheme (https:, mailto:)
are not followed. Links inside code blocks and code spans are not links.
Without FILE arguments, the files are git's tracked and not-ignored *.md files (or every *.md
below REPO_ROOT outside a checkout). Exit status 1 lists every broken link.
"""
import os
import re
import subprocess
import sys

LINK = re.compile(r"(?<!\\)!?\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s+.*)?$")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
HTML_ANCHOR = re.compile(r"<a\s+(?:name|id)=\"([^\"]+)\"", re.I)


def markdown_files(root):
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", "*.md"], check=True,
                             capture_output=True).stdout.decode()
        return [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        found = []
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".") and not d.startswith("build")]
            found += [os.path.relpath(os.path.join(folder, f), root) for f in files if f.endswith(".md")]
        return sorted(found)


def prose_lines(text):
    """(line number, line) outside fenced code blocks, with code spans blanked."""
    fence = None
    for number, line in enumerate(text.split("\n"), 1):
        match = FENCE.match(line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            continue
        if match:
            fence = match.group(1)
            continue
        yield number, re.sub(r"(`+)(?:(?!\1).)+?\1", lambda m: " " * len(m.group(0)), line)


def slug(heading):
    """GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens."""
    text = re.sub(r"<[^>]+>", "", heading)
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)  # a link keeps its text
    text = text.strip().lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors(path, cache={}):
    if path not in cache:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        seen = {}
        found = set()
        fence = None
        for line in text.split("\n"):
            match = FENCE.match(line)
            if fence:
                if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                    fence = None
                continue
            if match:
                fence = match.group(1)
                continue
            found.update(HTML_ANCHOR.findall(line))
            heading = HEADING.match(line)
            if heading:
                base = slug(heading.group(2))
                count = seen.get(base, 0)
                seen[base] = count + 1
                found.add(base if count == 0 else f"{base}-{count}")
        cache[path] = found
    return cache[path]


def check_target(root, source, target):
    """An error message for a broken link, or None."""
    if not target or SCHEME.match(target) or target.startswith("//"):
        return None
    path_part, _, anchor = target.partition("#")
    path_part = re.sub(r"\?.*$", "", path_part)
    from urllib.parse import unquote
    path_part = unquote(path_part)
    if path_part.startswith("/"):
        resolved = os.path.normpath(os.path.join(root, path_part.lstrip("/")))
    elif path_part:
        resolved = os.path.normpath(os.path.join(root, os.path.dirname(source), path_part))
    else:
        resolved = os.path.normpath(os.path.join(root, source))
    real_root = os.path.realpath(root)
    if os.path.commonpath([os.path.realpath(resolved), real_root]) != real_root:
        return f"{target}: points outside the repository"
    if not os.path.exists(resolved):
        return f"{target}: {os.path.relpath(resolved, root)} does not exist"
    if anchor and resolved.endswith(".md") and os.path.isfile(resolved):
        if unquote(anchor).lower() not in anchors(resolved):
            return f"{target}: no heading with anchor #{anchor} in {os.path.relpath(resolved, root)}"
    return None


def self_test():
    """The checker on a scratch repository: each broken link is found, no good one is."""
    import tempfile
    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "docs"))
        pages = {
            "README.md": "# Top\n\n## Second `code` part!\n\n## Second code part\n\n"
                         "[ok](docs/a.md) [ok](docs/a.md#a-heading) [ok](#second-code-part-1) [ok](docs/)\n"
                         "[ok](https://example.com/x.md) `[not a link](nowhere.md)`\n"
                         "```\n[not a link](nowhere.md)\n```\n"
                         "[bad-file](docs/missing.md) [bad-anchor](docs/a.md#nope)\n"
                         "[bad-outside](../outside.md) [bad-self](#missing)\n"
                         "[ref]: docs/gone.md\n",
            "docs/a.md": "# A heading\n\n[ok](../README.md#second-code-part) [bad-up](../../x.md)\n",
        }
        for name, text in pages.items():
            with open(os.path.join(root, name), "w", encoding="utf-8") as f:
                f.write(text)
        result = subprocess.run([sys.executable, __file__, root, *pages], capture_output=True, text=True)
        broken = [line for line in result.stdout.splitlines() if ": " in line and "broken" not in line]
        expected = ["docs/missing.md", "docs/a.md#nope", "../outside.md", "#missing", "docs/gone.md", "../../x.md"]
        missed = [e for e in expected if not any(f" {e}:" in line for line in broken)]
        if result.returncode != 1 or missed or len(broken) != len(expected):
            print(result.stdout, f"missed: {missed}", sep="\n")
            return 1
        print(f"self-test: {len(expected)} broken links found, none reported wrongly")
        return 0


def main(argv):
    if argv[1:] == ["--self-test"]:
        return self_test()
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = os.path.abspath(argv[1])
    files = argv[2:] or markdown_files(root)
    broken = []
    links = 0
    for source in files:
        with open(os.path.join(root, source), encoding="utf-8") as f:
            text = f.read()
        for number, line in prose_lines(text):
            targets = [m.group(1) for m in LINK.finditer(line)]
            reference = REFERENCE.match(line)
            if reference:
                targets.append(reference.group(1))
            for target in targets:
                links += 1
                error = check_target(root, source, target)
                if error:
                    broken.append(f"{source}:{number}: {error}")
    for line in broken:
        print(line)
    print(f"{len(files)} Markdown files, {links} links, {len(broken)} broken")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
