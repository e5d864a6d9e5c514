#!/usr/bin/env python3
"""An SPDX 2.3 JSON SBOM of a built wincompat binary: what is linked into it.

    sbom.py BUILD_DIR [BINARY ...] > wincompat-VERSION.spdx.json
    sbom.py --check FILE             # the document has what a release needs

BUILD_DIR is a configured build tree (its CMakeCache.txt says which static
archives were linked and where the tree-sitter YAML grammar came from). For
each BINARY (default BUILD_DIR/wincompat) the document lists:

- the Debian packages whose static archives or headers are compiled in
  (yaml-cpp, tree-sitter, zlib, the C++ runtime, CLI11, nlohmann/json), each
  with the exact version dpkg reports (`dpkg-query`, `dpkg -S`); an archive
  unpacked from a .deb outside dpkg's database (the arm64 sysroot of
  scripts/release.sh) is named by that .deb's own control file;
- the shared libraries it needs at run time (ELF NEEDED, from `objdump -p`),
  by the Debian package that provides them on the build machine;
- libcurl, loaded with dlopen for registry look-ups only (optional);
- the npm package @tree-sitter-grammars/tree-sitter-yaml, with the npm
  integrity (sha512, base64) and SHA-256 of the tarball.

For the Windows build (scripts/build-windows.sh: CMAKE_SYSTEM_NAME=Windows)
the libraries are Debian *source* packages built for the target (the list in
BUILD_DIR/prefix/sources.txt), the runtime is mingw-w64's (the installed
compiler and mingw-w64-x86-64-dev packages), and libcurl is an optional DLL.
"""
import base64
import datetime
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
import uuid

GRAMMAR = "@tree-sitter-grammars/tree-sitter-yaml"


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def cache(build_dir):
    values = {}
    for line in (build_dir / "CMakeCache.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([A-Za-z0-9_]+):[A-Z]+=(.*)$", line)
        if match:
            values[match.group(1)] = match.group(2)
    return values


def recorded(build_dir, values, name):
    """A CMake variable of the build: its cache entry or, for what a toolchain
    file sets (the arm64 cross build: the compiler, the target processor),
    the value CMake recorded under CMakeFiles/VERSION/."""
    if values.get(name):
        return values[name]
    for path in sorted((build_dir / "CMakeFiles").glob("*/CMake*.cmake")):
        match = re.search(rf'^\s*set\({name} "([^"]+)"\)', path.read_text(encoding="utf-8"), re.M)
        if match:
            return match.group(1)
    return None


def dpkg_owner(path):
    """(package, version, architecture) of the installed package holding path, or None.
    Debian 12 merges /lib into /usr/lib, and dpkg knows a file by either name."""
    candidates = []
    for name in (path, os.path.realpath(path)):
        candidates += [name, re.sub(r"^/usr/lib/", "/lib/", name), re.sub(r"^/lib/", "/usr/lib/", name)]
    for candidate in dict.fromkeys(candidates):
        try:
            owner = run("dpkg", "-S", candidate).splitlines()[0]
        except (subprocess.CalledProcessError, FileNotFoundError, IndexError):
            continue
        name = owner.split(": ")[0].split(",")[0].strip()
        version, architecture = run("dpkg-query", "-W", "-f=${Version} ${Architecture}", name).split()
        return name.split(":")[0], version, architecture
    return None


def sysroot_owner(path, sysroot):
    """The .deb unpacked into sysroot that holds path (scripts/release.sh keeps
    each package's control file in sysroot/.debs/PACKAGE.control)."""
    control_dir = pathlib.Path(sysroot) / ".debs"
    relative = "/" + os.path.relpath(path, sysroot)
    for listing in sorted(control_dir.glob("*.list")):
        if relative in listing.read_text(encoding="utf-8").splitlines():
            fields = dict(re.findall(r"^([A-Za-z-]+): (.*)$",
                                     listing.with_suffix(".control").read_text(encoding="utf-8"), re.M))
            return fields["Package"], fields["Version"], fields["Architecture"]
    return None


def debian_package(path, values, why, relationship="STATIC_LINK"):
    sysroot = values.get("WINCOMPAT_ARM64_SYSROOT", "")
    owner = None
    if sysroot and os.path.realpath(path).startswith(os.path.realpath(sysroot) + os.sep):
        owner = sysroot_owner(os.path.realpath(path), os.path.realpath(sysroot))
    if owner is None:
        owner = dpkg_owner(path)
    if owner is None:
        raise SystemExit(f"sbom.py: no Debian package holds {path} ({why})")
    package, version, architecture = owner
    entry = {
        "name": package,
        "versionInfo": version,
        "supplier": "Organization: Debian",
        "downloadLocation": f"https://snapshot.debian.org/package/{package}/{version}/",
        "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                          "referenceLocator": f"pkg:deb/debian/{package}@{version}?arch={architecture}"}],
        "comment": why,
        "_relationship": relationship,
    }
    licence = debian_licence(package)
    if licence:
        entry["licenseDeclared"] = licence
    return entry


# Debian copyright short names (the `Files: *` paragraph) as SPDX identifiers.
DEBIAN_LICENCES = {"Expat": "MIT", "X11": "X11", "Zlib": "Zlib", "BSD-3-clause": "BSD-3-Clause", "curl": "curl",
                   "LGPL-2.1+": "LGPL-2.1-or-later", "GPL-3+ with GCC-exception": "GPL-3.0-or-later WITH "
                   "GCC-exception-3.1"}


def debian_licence(package):
    """The SPDX identifier of the licence of the package's main files, from its
    machine-readable debian/copyright, or None when it is not one we map."""
    path = pathlib.Path("/usr/share/doc") / package / "copyright"
    if not path.is_file():
        return None
    match = re.search(r"^Files: \*\s*$.*?^License: ([^\n]+)$", path.read_text(encoding="utf-8", errors="replace"),
                      re.M | re.S)
    return DEBIAN_LICENCES.get(match.group(1).strip()) if match else None


def grammar_package(values):
    version = re.search(r'WINCOMPAT_TS_YAML_VERSION "([^"]+)"',
                        (pathlib.Path(values["wincompat_SOURCE_DIR"]) / "cmake" /
                         "TreeSitterYamlGrammar.cmake").read_text(encoding="utf-8")).group(1)
    tarball = None
    source = values.get("WINCOMPAT_TS_YAML_SOURCE", "")
    candidates = [pathlib.Path(source)] if source.endswith(".tgz") else []
    candidates += sorted((pathlib.Path(values["wincompat_BINARY_DIR"]) / "_deps" / "tree-sitter-yaml").glob("*.tgz"))
    for candidate in candidates:
        if candidate.is_file():
            tarball = candidate.read_bytes()
            break
    pinned = re.search(r'WINCOMPAT_TS_YAML_SHA256\s+"([0-9a-f]{64})"',
                       (pathlib.Path(values["wincompat_SOURCE_DIR"]) / "cmake" /
                        "TreeSitterYamlGrammar.cmake").read_text(encoding="utf-8")).group(1)
    checksums = [{"algorithm": "SHA256", "checksumValue": pinned}]
    comment = "The generated grammar (src/parser.c, src/scanner.c), compiled in; npm pack, SHA-256 pinned."
    if tarball is not None:
        if hashlib.sha256(tarball).hexdigest() != pinned:
            raise SystemExit("sbom.py: the grammar tarball does not match its pinned SHA-256")
        integrity = "sha512-" + base64.b64encode(hashlib.sha512(tarball).digest()).decode()
        checksums.append({"algorithm": "SHA512", "checksumValue": hashlib.sha512(tarball).hexdigest()})
        comment += f" npm integrity: {integrity}"
    return {
        "name": GRAMMAR,
        "versionInfo": version,
        "supplier": "Organization: tree-sitter-grammars",
        "downloadLocation": f"https://registry.npmjs.org/{GRAMMAR}/-/tree-sitter-yaml-{version}.tgz",
        "checksums": checksums,
        "licenseConcluded": "MIT",
        "licenseDeclared": "MIT",
        "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                          "referenceLocator": f"pkg:npm/%40tree-sitter-grammars/tree-sitter-yaml@{version}"}],
        "comment": comment,
        "_relationship": "STATIC_LINK",
    }


def needed_libraries(binary):
    objdump = "objdump"
    if "aarch64" in run("file", "-L", str(binary)).lower() or "arm aarch64" in run("file", "-L", str(binary)):
        objdump = "aarch64-linux-gnu-objdump"
    return re.findall(r"^\s*NEEDED\s+(\S+)$", run(objdump, "-p", str(binary)), re.M)


def library_path(name, multiarch):
    for folder in (f"/usr/lib/{multiarch}", f"/lib/{multiarch}"):
        if os.path.exists(os.path.join(folder, name)):
            return os.path.join(folder, name)
    raise SystemExit(f"sbom.py: {name} is not in /usr/lib/{multiarch}")


def header(name, values):
    for folder in ("/usr/include",):
        path = os.path.join(folder, name)
        if os.path.exists(path):
            return path
    raise SystemExit(f"sbom.py: no {name}")


def windows_packages(build_dir, values):
    """What scripts/build-windows.sh compiled into wincompat.exe."""
    prefix = pathlib.Path(values["WINCOMPAT_WINDOWS_PREFIX"])
    packages = []
    for line in (prefix / "sources.txt").read_text(encoding="utf-8").splitlines():
        name, version = line.split()
        if name in ("zlib", "yaml-cpp", "tree-sitter"):
            packages.append({
                "name": name, "versionInfo": version, "supplier": "Organization: Debian",
                "downloadLocation": f"https://snapshot.debian.org/package/{name}/{version}/",
                "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                                  "referenceLocator": f"pkg:deb/debian/{name}@{version}?arch=source"}],
                "licenseDeclared": {"zlib": "Zlib", "yaml-cpp": "MIT", "tree-sitter": "MIT"}[name],
                "comment": f"Debian source package {name} {version}, built for x86_64-w64-mingw32 and linked "
                           "statically",
                "_relationship": "STATIC_LINK"})
    compiler = recorded(build_dir, values, "CMAKE_CXX_COMPILER")
    for archive, why in (("libstdc++.a", "the C++ runtime, linked statically"),
                         ("libwinpthread.a", "winpthreads (std::thread), linked statically")):
        path = os.path.realpath(run(compiler, f"-print-file-name={archive}").strip())
        packages.append(debian_package(path, values, why))
    packages.append({"name": "libcurl", "versionInfo": "NOASSERTION", "supplier": "NOASSERTION",
                     "downloadLocation": "https://curl.se/windows/",
                     "comment": "libcurl-x64.dll (any), loaded with LoadLibrary only for registry look-ups; "
                                "optional, not shipped",
                     "_relationship": "OPTIONAL_DEPENDENCY_OF"})
    return packages


def document(build_dir, binaries):
    values = cache(build_dir)
    # A cross build's target is set by its toolchain file, so it is recorded
    # under CMakeFiles/VERSION/, not in the cache.
    windows = recorded(build_dir, values, "CMAKE_SYSTEM_NAME") == "Windows"
    version = re.search(r"project\(wincompat VERSION (\S+) ",
                        (pathlib.Path(values["wincompat_SOURCE_DIR"]) / "CMakeLists.txt").read_text()).group(1)
    multiarch = "aarch64-linux-gnu" if recorded(build_dir, values, "CMAKE_SYSTEM_PROCESSOR") == "aarch64" else run(
        "dpkg-architecture", "-qDEB_HOST_MULTIARCH").strip()
    packages = [grammar_package(values)]
    if windows:
        packages += windows_packages(build_dir, values)
    static = values.get("WINCOMPAT_STATIC") == "ON" and not windows
    if static:
        packages.append(debian_package(values["YAML_CPP_ARCHIVE"], values, "yaml-cpp, linked from libyaml-cpp.a"))
        packages.append(debian_package(values["TREE_SITTER_ARCHIVE"], values, "tree-sitter runtime, libtree-sitter.a"))
        if values.get("ZLIB_ARCHIVE"):
            packages.append(debian_package(values["ZLIB_ARCHIVE"], values, "zlib (packaged subcharts), libz.a"))
        compiler = recorded(build_dir, values, "CMAKE_CXX_COMPILER")
        libstdcxx = run(compiler, "-print-file-name=libstdc++.a").strip()
        packages.append(debian_package(libstdcxx, values, "the C++ runtime, -static-libstdc++"))
    packages.append(debian_package(header("CLI/CLI.hpp", values), values,
                                   "CLI11, header-only, compiled in", "STATIC_LINK"))
    packages.append(debian_package(header("nlohmann/json.hpp", values), values,
                                   "nlohmann/json, header-only, compiled in", "STATIC_LINK"))
    seen = set()
    for binary in ([] if windows else binaries):
        for name in needed_libraries(binary):
            if name in seen:
                continue
            seen.add(name)
            packages.append(debian_package(library_path(name, multiarch), values,
                                           f"{name}: a shared library it needs at run time", "DYNAMIC_LINK"))
    curl = f"/usr/lib/{multiarch}/libcurl.so.4"
    if windows:
        pass
    elif os.path.exists(curl):
        packages.append(debian_package(curl, values, "libcurl.so.4, loaded with dlopen only for registry "
                                       "look-ups (wincompat lock, --lookup); optional", "OPTIONAL_DEPENDENCY_OF"))
    else:
        packages.append({"name": "libcurl4", "versionInfo": "NOASSERTION", "supplier": "Organization: Debian",
                         "downloadLocation": "NOASSERTION",
                         "comment": "libcurl.so.4 (any), loaded with dlopen only for registry look-ups; optional",
                         "_relationship": "OPTIONAL_DEPENDENCY_OF"})

    source_dir = pathlib.Path(values["wincompat_SOURCE_DIR"])
    repository = re.search(r"^WINCOMPAT_REPOSITORY=(\S+)$",
                           (source_dir / "scripts" / "repository.env").read_text(), re.M).group(1)
    root_packages = []
    for index, binary in enumerate(binaries):
        data = pathlib.Path(binary).read_bytes()
        arch = "aarch64" if multiarch.startswith("aarch64") else "x86_64"
        root_packages.append({
            "SPDXID": f"SPDXRef-wincompat-{index}",
            "name": "wincompat",
            "versionInfo": version,
            "supplier": "Organization: wincompat",
            "downloadLocation": f"https://github.com/{repository}/releases/tag/v{version}",
            "primaryPackagePurpose": "APPLICATION",
            "checksums": [{"algorithm": "SHA256", "checksumValue": hashlib.sha256(data).hexdigest()}],
            "licenseConcluded": "Apache-2.0",
            "licenseDeclared": "Apache-2.0",
            "copyrightText": "NOASSERTION",
            "filesAnalyzed": False,
            "comment": "wincompat.exe, Windows x86_64" if windows else f"bin/wincompat, Linux {arch}",
        })
    merged = {}
    for package in packages:
        if package["name"] in merged:
            merged[package["name"]]["comment"] += "; " + package["comment"]
        else:
            merged[package["name"]] = package
    packages = list(merged.values())
    spdx_packages, relationships = list(root_packages), []
    relationships.append({"spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
                          "relatedSpdxElement": root_packages[0]["SPDXID"]})
    for index, package in enumerate(packages):
        relationship = package.pop("_relationship")
        package = {"SPDXID": f"SPDXRef-Package-{index}", **package}
        package.setdefault("licenseConcluded", "NOASSERTION")
        package.setdefault("licenseDeclared", "NOASSERTION")
        package.setdefault("copyrightText", "NOASSERTION")
        package["filesAnalyzed"] = False
        spdx_packages.append(package)
        for root in root_packages:
            if relationship == "OPTIONAL_DEPENDENCY_OF":
                relationships.append({"spdxElementId": package["SPDXID"], "relationshipType": relationship,
                                      "relatedSpdxElement": root["SPDXID"]})
            else:
                relationships.append({"spdxElementId": root["SPDXID"], "relationshipType": relationship,
                                      "relatedSpdxElement": package["SPDXID"]})
    created = os.environ.get("SOURCE_DATE_EPOCH")
    created = (datetime.datetime.fromtimestamp(int(created), datetime.timezone.utc) if created
               else datetime.datetime.now(datetime.timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    return {
        "spdxVersion": "SPDX-2.3",
        "dataLicense": "CC0-1.0",
        "SPDXID": "SPDXRef-DOCUMENT",
        "name": f"wincompat-{version}",
        "documentNamespace": f"https://github.com/{repository}/releases/v{version}/sbom/{uuid.uuid4()}",
        "creationInfo": {"created": created, "creators": ["Tool: wincompat scripts/sbom.py"]},
        "packages": spdx_packages,
        "relationships": relationships,
    }


def check(path):
    doc = json.loads(pathlib.Path(path).read_text(encoding="utf-8"))
    problems = []
    for key in ("spdxVersion", "dataLicense", "SPDXID", "name", "documentNamespace", "creationInfo",
                "packages", "relationships"):
        if key not in doc:
            problems.append(f"no {key}")
    if doc.get("spdxVersion") != "SPDX-2.3":
        problems.append("spdxVersion is not SPDX-2.3")
    ids = set()
    for package in doc.get("packages", []):
        for key in ("SPDXID", "name", "versionInfo", "downloadLocation"):
            if not package.get(key):
                problems.append(f"package {package.get('name')}: no {key}")
        ids.add(package.get("SPDXID"))
    for relationship in doc.get("relationships", []):
        for key in ("spdxElementId", "relatedSpdxElement"):
            if relationship[key] not in ids | {"SPDXRef-DOCUMENT"}:
                problems.append(f"relationship names unknown {relationship[key]}")
    names = {p["name"] for p in doc.get("packages", [])}
    windows = "wincompat.exe" in json.dumps([p.get("comment", "") for p in doc.get("packages", [])])
    for wanted in ("wincompat", GRAMMAR) + (("yaml-cpp", "tree-sitter", "zlib") if windows else ("libc6",)):
        if wanted not in names:
            problems.append(f"no package {wanted}")
    grammar = [p for p in doc.get("packages", []) if p["name"] == GRAMMAR]
    if grammar and not any(c["algorithm"] == "SHA256" for c in grammar[0].get("checksums", [])):
        problems.append("the grammar has no SHA-256")
    for problem in problems:
        print(f"{path}: {problem}")
    if not problems:
        print(f"{path}: SPDX 2.3, {len(names)} packages: {', '.join(sorted(names))}")
    return 1 if problems else 0


def main(argv):
    if len(argv) == 3 and argv[1] == "--check":
        return check(argv[2])
    if len(argv) < 2:
        sys.exit(__doc__)
    build_dir = pathlib.Path(argv[1])
    default = build_dir / "wincompat.exe" if (build_dir / "wincompat.exe").exists() else build_dir / "wincompat"
    binaries = [pathlib.Path(b) for b in argv[2:]] or [default]
    json.dump(document(build_dir, binaries), sys.stdout, indent=2)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
