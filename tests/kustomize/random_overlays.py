#!/usr/bin/env python3
"""Random kustomize overlays over one random base, for comparing wincompat's
kustomize builder with `kubectl kustomize` on trees no fixture covers.

    tests/kustomize/random_overlays.py DIR [SEED] [COUNT]
    KUSTOMIZE_COMPARE_ROOT=DIR build/tests/wincompat_tests "[.kustomize-compare]"

Each overlay mixes namespace, namePrefix, commonLabels, images (newTag,
digest, newName), strategic merge patch files (containers merged by name,
node pins, tolerations), inline JSON 6902 patches with kind/name/label/regex
targets, replicas, patchesStrategicMerge with `$patch: delete`,
patchesJson6902, and sometimes an overlay of the overlay.
"""
import os, random, sys
random.seed(int(sys.argv[2]) if len(sys.argv) > 2 else 1)
root = sys.argv[1]
os.makedirs(f"{root}/base", exist_ok=True)
images = ["mcr.microsoft.com/windows/servercore:ltsc2022", "mcr.microsoft.com/windows/nanoserver:ltsc2022",
          "mcr.microsoft.com/windows/servercore/iis:windowsservercore-ltsc2022", "contoso.azurecr.io/app:1.2",
          "mcr.microsoft.com/dotnet/framework/aspnet:4.8-windowsservercore-ltsc2022@sha256:" + "a"*64]
kinds = ["Deployment", "StatefulSet", "DaemonSet", "Job"]
docs = []
for i, kind in enumerate(kinds):
    api = "batch/v1" if kind == "Job" else "apps/v1"
    c = "\n".join(f"      - name: c{j}\n        image: {random.choice(images)}" for j in range(random.randint(1, 3)))
    ns = "      nodeSelector:\n        kubernetes.io/os: windows\n" if random.random() < 0.7 else ""
    tol = "      tolerations:\n      - {key: os, operator: Exists}\n" if random.random() < 0.5 else ""
    docs.append(f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: w{i}\n  labels: {{tier: t{i%2}}}\nspec:\n  template:\n    metadata:\n      labels: {{app: w{i}}}\n    spec:\n{ns}{tol}      containers:\n{c}\n")
open(f"{root}/base/workloads.yaml", "w").write("---\n".join(docs))
open(f"{root}/base/kustomization.yaml", "w").write("resources:\n- workloads.yaml\n")
tags = ["ltsc2019", "1809", "ltsc2022", "windowsservercore-ltsc2019", "4.8-windowsservercore-ltsc2019"]
builds = ["10.0.17763", "10.0.20348", "10.0.25398"]
for n in range(int(sys.argv[3]) if len(sys.argv) > 3 else 20):
    d = f"{root}/ov{n}"
    os.makedirs(d, exist_ok=True)
    k = ["resources:\n- ../base\n"]
    if random.random() < 0.5: k.append(f"namespace: ns{n}\n")
    if random.random() < 0.5: k.append(f"namePrefix: p{n}-\n")
    if random.random() < 0.3: k.append("commonLabels:\n  env: x\n")
    imgs = random.sample(images, random.randint(0, 3))
    if imgs:
        k.append("images:\n")
        for im in imgs:
            name = im.split("@")[0].rsplit(":", 1)[0]
            k.append(f"- name: {name}\n")
            r = random.random()
            if r < 0.5: k.append(f"  newTag: \"{random.choice(tags)}\"\n")
            elif r < 0.7: k.append(f"  digest: sha256:{'b'*64}\n")
            else: k.append(f"  newName: registry.local/{name.split('/')[-1]}\n  newTag: v{n}\n")
    patches = []
    for p in range(random.randint(0, 3)):
        i = random.randrange(len(kinds)); kind = kinds[i]
        api = "batch/v1" if kind == "Job" else "apps/v1"
        r = random.random()
        if r < 0.4:
            body = f"apiVersion: {api}\nkind: {kind}\nmetadata:\n  name: w{i}\nspec:\n  template:\n    spec:\n      nodeSelector:\n        node.kubernetes.io/windows-build: \"{random.choice(builds)}\"\n"
            if random.random() < 0.5:
                body += f"      containers:\n      - name: c0\n        image: mcr.microsoft.com/windows/servercore:{random.choice(tags[:3])}\n      - name: extra\n        image: mcr.microsoft.com/windows/nanoserver:1809\n"
            if random.random() < 0.3:
                body += "      tolerations:\n      - {key: build, operator: Equal, value: \"17763\"}\n"
            fname = f"p{p}.yaml"
            open(f"{d}/{fname}", "w").write(body)
            patches.append(f"- path: {fname}\n")
        elif r < 0.7:
            sel = random.choice([f"kind: {kind}", "labelSelector: tier=t0", f"name: w{i}", "kind: (Deployment|Job)"])
            patches.append(f"- target:\n    {sel}\n  patch: |-\n    - op: add\n      path: /spec/template/spec/nodeSelector\n      value:\n        kubernetes.io/os: windows\n        node.kubernetes.io/windows-build: \"{random.choice(builds)}\"\n")
        else:
            patches.append(f"- target:\n    kind: {kind}\n  patch: |-\n    apiVersion: {api}\n    kind: {kind}\n    metadata:\n      name: any\n    spec:\n      template:\n        spec:\n          runtimeClassName: rc{n}\n          affinity:\n            nodeAffinity:\n              requiredDuringSchedulingIgnoredDuringExecution:\n                nodeSelectorTerms:\n                - matchExpressions:\n                  - {{key: kubernetes.io/os, operator: In, values: [windows]}}\n")
    if patches:
        k.append("patches:\n" + "".join(patches))
    if random.random() < 0.3:
        k.append(f"replicas:\n- name: w0\n  count: {n}\n")
    if random.random() < 0.3:
        open(f"{d}/legacy.yaml", "w").write("apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: w2\nspec:\n  template:\n    spec:\n      containers:\n      - name: c0\n        $patch: delete\n      nodeSelector:\n        agentpool: win\n")
        k.append("patchesStrategicMerge:\n- legacy.yaml\n")
    if random.random() < 0.3:
        k.append("patchesJson6902:\n- target: {group: apps, version: v1, kind: Deployment, name: w0}\n  patch: |-\n    - {op: replace, path: /spec/template/spec/containers/0/image, value: mcr.microsoft.com/windows/servercore:ltsc2019}\n")
    open(f"{d}/kustomization.yaml", "w").write("".join(k))
    if random.random() < 0.3:
        # a second level: an overlay of this overlay
        os.makedirs(f"{d}-top", exist_ok=True)
        top = [f"resources:\n- ../ov{n}\n"]
        if random.random() < 0.5: top.append(f"namePrefix: top-\n")
        top.append(f"images:\n- name: mcr.microsoft.com/windows/servercore\n  newTag: ltsc2019\n")
        top.append("patches:\n- target:\n    kind: Deployment\n    name: w0\n  patch: |-\n    - {op: add, path: /spec/template/spec/os, value: {name: windows}}\n")
        open(f"{d}-top/kustomization.yaml", "w").write("".join(top))
