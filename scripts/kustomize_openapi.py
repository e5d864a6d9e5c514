#!/usr/bin/env python3
"""Regenerates linter/layers/kustomize/openapi_data.cpp: the strategic-merge
schema of the Kubernetes types, as kustomize reads it from the OpenAPI
document it embeds (kyaml/openapi/kubernetesapi/<version>/swagger.pb, a
gnostic openapi_v2.Document in protobuf; kustomize v5.5.0 embeds v1.21.2).

For every definition: its fields (with the definition each field's value,
list items or map values have), and for a list the
`x-kubernetes-patch-strategy` and merge keys (`x-kubernetes-list-map-keys`,
else `x-kubernetes-patch-merge-key`), which is what kyaml's
ResourceSchema.PatchStrategyAndKeyList reads; and the resource types
(`x-kubernetes-group-version-kind`) each definition is the schema of.

Usage: scripts/kustomize_openapi.py KUSTOMIZE_GIT_DIR [TAG]
  KUSTOMIZE_GIT_DIR: a clone of https://github.com/kubernetes-sigs/kustomize
  TAG: the release whose embedded document is read (default kustomize/v5.5.0,
       the kustomize that kubectl 1.32 embeds).
Needs git and python3 only (a small protobuf reader is below); nothing is
fetched at build or test time.
"""
import re
import struct
import subprocess
import sys

OUTPUT = "linter/layers/kustomize/openapi_data.cpp"


def git(repo, *args, text=True):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True,
                          text=text).stdout


# --- protobuf wire format --------------------------------------------------

def fields(buf):
    """(number, wire type, value) of each field of a message."""
    i, n = 0, len(buf)

    def varint():
        nonlocal i
        shift = value = 0
        while True:
            b = buf[i]
            i += 1
            value |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                return value

    while i < n:
        key = varint()
        number, wire = key >> 3, key & 7
        if wire == 0:
            yield number, wire, varint()
        elif wire == 1:
            yield number, wire, struct.unpack("<d", buf[i:i + 8])[0]
            i += 8
        elif wire == 2:
            size = varint()
            yield number, wire, buf[i:i + size]
            i += size
        elif wire == 5:
            i += 4
        else:
            raise ValueError(f"wire type {wire}")


def first(buf, number):
    for num, _, value in fields(buf):
        if num == number:
            return value
    return None


def every(buf, number):
    return [value for num, _, value in fields(buf) if num == number]


# gnostic openapi_v2 (OpenAPIv2.proto) field numbers.
DOC_DEFINITIONS = 9
NAMED_NAME, NAMED_VALUE = 1, 2
ANY_YAML = 2
S_REF, S_ADDITIONAL, S_TYPE, S_ITEMS, S_PROPERTIES, S_EXTENSIONS = 1, 21, 22, 23, 25, 31
ADDITIONAL_SCHEMA = 1
ITEMS_SCHEMA = 1


def extensions(schema):
    out = {}
    for named in every(schema, S_EXTENSIONS):
        name = first(named, NAMED_NAME).decode()
        value = first(named, NAMED_VALUE)
        out[name] = (first(value, ANY_YAML) or b"").decode().strip()
    return out


def yaml_list(text):
    return [line[2:].strip().strip("\"") for line in text.splitlines() if line.startswith("- ")]


def gvks(text):
    """The items of an x-kubernetes-group-version-kind list (YAML)."""
    out, item = [], None
    for line in text.splitlines():
        m = re.match(r"^(- |  )(\w+): ?(.*)$", line)
        if not m:
            continue
        if m.group(1) == "- ":
            item = {}
            out.append(item)
        item[m.group(2)] = m.group(3).strip().strip('"')
    return out


class Table:
    def __init__(self):
        self.schemas = {}  # name -> (strategy, keys, [(field, child name)])
        self.order = []

    def add(self, name, schema):
        """Adds `schema` as `name`; returns the name its value resolves to."""
        ref = first(schema, S_REF)
        if ref is not None:
            # A reference: the definition (its extensions are on the field's own
            # schema only when the field is not a bare reference).
            return ref.decode().removeprefix("#/definitions/")
        ext = extensions(schema)
        strategy = ext.get("x-kubernetes-patch-strategy", "")
        keys = []
        if strategy:
            if "x-kubernetes-list-map-keys" in ext:
                keys = yaml_list(ext["x-kubernetes-list-map-keys"])
            elif "x-kubernetes-patch-merge-key" in ext:
                keys = [ext["x-kubernetes-patch-merge-key"].strip()]
        children = []
        properties = first(schema, S_PROPERTIES)
        if properties is not None:
            for named in every(properties, 1):
                field = first(named, NAMED_NAME).decode()
                child = self.add(f"{name}.{field}", first(named, NAMED_VALUE) or b"")
                if child:
                    children.append((field, child))
        additional = first(schema, S_ADDITIONAL)
        if additional is not None:
            inner = first(additional, ADDITIONAL_SCHEMA)
            if inner is not None:
                child = self.add(f"{name}.*", inner)
                if child:
                    children.append(("*", child))
        items = first(schema, S_ITEMS)
        if items is not None:
            inner = every(items, ITEMS_SCHEMA)
            if inner:
                child = self.add(f"{name}[]", inner[0])
                if child:
                    children.append(("[]", child))
        if not strategy and not children:
            return ""  # nothing to merge by: as no schema for kyaml's walk
        self.schemas[name] = (strategy, keys, children)
        self.order.append(name)
        return name


def main():
    repo = sys.argv[1]
    tag = sys.argv[2] if len(sys.argv) > 2 else "kustomize/v5.5.0"
    commit = git(repo, "rev-parse", tag + "^{commit}").strip()
    info = git(repo, "show", f"{tag}:kyaml/openapi/kubernetesapi/openapiinfo.go")
    version = re.search(r'DefaultOpenAPI = "(v[0-9.]+)"', info).group(1)
    path = f"kyaml/openapi/kubernetesapi/{version.replace('.', '_')}/swagger.pb"
    doc = git(repo, "show", f"{tag}:{path}", text=False)
    blob = git(repo, "rev-parse", f"{tag}:{path}").strip()
    table = Table()
    resources = []
    definitions = first(doc, DOC_DEFINITIONS)
    for named in every(definitions, 1):
        name = first(named, NAMED_NAME).decode()
        schema = first(named, NAMED_VALUE)
        ext = extensions(schema)
        table.add(name, schema)
        for gvk in gvks(ext.get("x-kubernetes-group-version-kind", "")):
            api_version = (gvk["group"] + "/" if gvk.get("group") else "") + gvk["version"]
            resources.append((api_version, gvk["kind"], name))
    # Definitions that are only references to nothing useful stay out; a field
    # whose definition is out has no schema.
    known = set(table.schemas)
    index = {name: i for i, name in enumerate(table.order)}
    resources = sorted({r for r in resources if r[2] in known})
    rows, types = [], []
    for name in table.order:
        strategy, keys, children = table.schemas[name]
        children = sorted((f, index[c]) for f, c in children if c in known)
        types.append((name, strategy, ",".join(keys), len(rows), len(children)))
        rows.extend(children)
    out = [
        "// Generated by scripts/kustomize_openapi.py: do not edit.",
        "// The strategic-merge schema of the Kubernetes types that kustomize embeds,",
        "// from https://github.com/kubernetes-sigs/kustomize",
        f"// at {tag} (commit {commit}),",
        f"// {path}",
        f"// (git blob {blob}, {len(doc)} bytes: the Kubernetes {version} OpenAPI;",
        "// Apache-2.0, Copyright The Kubernetes Authors).",
        '#include "openapi.hpp"',
        "",
        "// clang-format off",
        "",
        "namespace wincompat::kustomize {",
        "",
        f'const std::string_view kOpenApiSource = "{tag} ({commit}) {path}";',
        "",
        "// name, x-kubernetes-patch-strategy, merge keys, first field, field count",
        f"const SchemaType kSchemaTypes[{len(types)}] = {{",
    ]
    for name, strategy, keys, start, count in types:
        out.append(f'    {{"{name}", "{strategy}", "{keys}", {start}, {count}}},')
    out += ["};", "", "// field (\"*\": any map key, \"[]\": list items), its schema type",
            f"const SchemaField kSchemaFields[{len(rows)}] = {{"]
    for field, child in rows:
        out.append(f'    {{"{field}", {child}}},')
    out += ["};", "", "// apiVersion, kind, schema type (sorted)",
            f"const SchemaResource kSchemaResources[{len(resources)}] = {{"]
    for api_version, kind, name in resources:
        out.append(f'    {{"{api_version}", "{kind}", {index[name]}}},')
    out += ["};", "", f"const size_t kSchemaTypeCount = {len(types)};",
            f"const size_t kSchemaFieldCount = {len(rows)};",
            f"const size_t kSchemaResourceCount = {len(resources)};", "",
            "// clang-format on", "", "} // namespace wincompat::kustomize", ""]
    with open(OUTPUT, "w") as f:
        f.write("\n".join(out))
    print(f"{OUTPUT}: {len(types)} types, {len(rows)} fields, {len(resources)} resource types")


if __name__ == "__main__":
    main()
