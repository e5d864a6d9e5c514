#!/usr/bin/env python3
"""A generated section of a Markdown file matches what the tool generates now.

    check_generated.py FILE GENERATED BEGIN_MARKER [--write]

FILE holds the section from the line starting with `<!-- BEGIN_MARKER:` to
the line `<!-- BEGIN_MARKER: end -->`, both included; GENERATED is the same
section as the build generated it (docs/usage.md's command reference comes
from cmake/gen_cli_docs.sh, which reads `wincompat --help`). Exit 1 when they
differ, so the docs cannot drift from the command line; --write replaces the
section with the generated one.
"""
import pathlib
import sys


def section(text, marker):
    begin = text.find(f"<!-- {marker}:")
    end_tag = f"<!-- {marker}: end -->"
    end = text.find(end_tag, begin)
    if begin < 0 or end < 0:
        return None
    return begin, end + len(end_tag)


def main(argv):
    if len(argv) < 4:
        sys.exit(__doc__)
    path, generated_path, marker = pathlib.Path(argv[1]), pathlib.Path(argv[2]), argv[3]
    if not generated_path.is_file():
        print(f"{generated_path} does not exist: build the wincompat_cli_docs target first")
        return 1
    text = path.read_text(encoding="utf-8")
    generated = generated_path.read_text(encoding="utf-8").rstrip("\n")
    where = section(text, marker)
    if where is None:
        print(f"{path}: no <!-- {marker}: ... --> section")
        return 1
    committed = text[where[0]:where[1]]
    if committed == generated:
        print(f"{path}: the {marker} section is up to date")
        return 0
    if "--write" in argv[4:]:
        path.write_text(text[:where[0]] + generated + text[where[1]:], encoding="utf-8")
        print(f"{path}: the {marker} section regenerated")
        return 0
    import difflib
    sys.stdout.writelines(difflib.unified_diff(committed.splitlines(True), generated.splitlines(True),
                                               f"{path} (committed)", f"{generated_path} (generated)"))
    print(f"\n{path}: the {marker} section differs from the command line; regenerate with:\n"
          f"  python3 tests/docs/check_generated.py {path} {generated_path} {marker} --write")
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
