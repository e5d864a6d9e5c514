// compat, rules and explain: questions answered from the catalogs and registry.
#include "commands.hpp"
#include "enum_names.hpp"
#include "text_util.hpp"

#include "wincompat/compat.hpp"
#include "wincompat/image_catalog.hpp"
#include "wincompat/rule.hpp"

#include <nlohmann/json.hpp>

#include <iostream>

namespace wincompat::cli {

namespace {

using Json = nlohmann::ordered_json;

struct ImageSide {
  std::optional<WindowsBuild> build;
  bool host_process = false;
  std::string problem;
};

ImageSide resolve_image_side(const std::string &text) {
  const ReleaseCatalog &releases = ReleaseCatalog::builtin();
  if (auto build = parse_windows_build(text)) {
    return {build, false, ""};
  }
  if (const Release *release = releases.find_name(text, true)) {
    if (!release->has_images) {
      return {std::nullopt, false, release->name + " has no container images"};
    }
    return {WindowsBuild{release->build, std::nullopt}, false, ""};
  }
  ImageRefError error;
  auto ref = parse_image_ref(text, &error);
  if (!ref) {
    return {std::nullopt, false, "not an image reference: " + error.message};
  }
  const ImageResolution res = ImageCatalog::builtin().resolve(*ref);
  switch (res.os) {
  case ImageOs::WindowsBuild:
    return {res.build, false, ""};
  case ImageOs::HostProcess:
    return {std::nullopt, true, ""};
  case ImageOs::WindowsMultiPlatform:
    return {std::nullopt, false, "a multi-platform tag: the pulling host picks the Windows build"};
  case ImageOs::WindowsUnpinned:
    return {std::nullopt, false, "Windows base images have no untagged or latest version"};
  case ImageOs::WindowsNoSuchVersion:
  case ImageOs::WindowsUnknown:
    return {std::nullopt, false, res.detail};
  case ImageOs::Linux:
  case ImageOs::MultiOs:
    return {std::nullopt, false, "not a Windows image (or its tag does not name a Windows variant)"};
  default:
    return {std::nullopt, false, "the Windows version of this image is unknown"};
  }
}

} // namespace

int run_compat(const CompatArgs &args) {
  const ReleaseCatalog &releases = ReleaseCatalog::builtin();
  const auto host = parse_host_spec(args.host, releases);
  const ImageSide image = resolve_image_side(args.image);
  const Isolation isolation = *parse_isolation(args.isolation);
  Json out{{"image", args.image},
           {"imageBuild", nullptr},
           {"host", args.host},
           {"hostBuild", nullptr},
           {"isolation", to_string(isolation)},
           {"compatible", nullptr},
           {"code", nullptr},
           {"message", ""}};
  if (host) {
    out["hostBuild"] = host->build.str();
  }
  if (image.build) {
    out["imageBuild"] = image.build->str();
  }
  int exit_code = kExitUsage;
  if (!host) {
    out["message"] = "unknown host '" + args.host + "'";
  } else if (image.host_process) {
    out["compatible"] = true;
    out["message"] = "a HostProcess image runs on any Windows build (HostProcess containers only)";
    exit_code = kExitClean;
  } else if (!image.build) {
    out["message"] = "cannot resolve the image's Windows build: " + image.problem;
  } else {
    const Verdict verdict = evaluate_compat(*image.build, host->build, isolation, releases);
    out["compatible"] = verdict.runs;
    out["code"] = verdict.code.empty() ? Json(nullptr) : Json(verdict.code);
    out["message"] = verdict.reason;
    exit_code = verdict.runs ? kExitClean : kExitFindings;
  }
  if (args.format == "json") {
    std::cout << out.dump(2) << '\n';
    return exit_code;
  }
  if (exit_code == kExitUsage) {
    std::cout << "unresolved: " << out["message"].get<std::string>() << '\n';
    return exit_code;
  }
  const std::string verdict = out["compatible"].get<bool>() ? "runs" : "does not run";
  const std::string code = out["code"].is_null() ? "compatible" : out["code"].get<std::string>();
  std::cout << args.image << " (" << (image.build ? image.build->str() : "any build") << ") " << verdict
            << " on " << args.host << " (" << out["hostBuild"].get<std::string>() << "), "
            << to_string(isolation) << " isolation: " << code << "\n  " << out["message"].get<std::string>()
            << '\n';
  return exit_code;
}

namespace {

constexpr EnumName<Target> kTargets[] = {
    {Target::Dockerfile, "dockerfile"}, {Target::Kubernetes, "kubernetes"}, {Target::Any, "any"}};

std::string_view target_name(Target target) {
  return name_of(target, kTargets, "any");
}

void print_markdown(const RuleMeta &meta) {
  std::cout << "## " << meta.code << " " << meta.name << "\n\n"
            << "Default severity: **" << to_string(meta.default_severity)
            << "** · applies to: " << target_name(meta.target) << "\n\n"
            << "### What it does\n\n"
            << meta.summary << "\n\n"
            << "### Why is this bad?\n\n"
            << meta.rationale << "\n\n"
            << "### Example\n\n```\n"
            << meta.example_bad << "\n```\n\nUse instead:\n\n```\n"
            << meta.example_good << "\n```\n\n";
  if (!meta.example_options.empty()) {
    std::cout << "(with `" << meta.example_options << "`)\n\n";
  }
  std::cout << "### How to fix\n\n"
            << meta.fix << "\n\n"
            << "### Suppress\n\n`# wincompat ignore=" << meta.code << "` on the line before, "
            << "`# wincompat global ignore=" << meta.code << "` for the file, the annotation "
            << "`wincompat.dev/ignore: \"" << meta.code
            << "\"` on a Kubernetes object (or its pod template), "
            << "or `rules: {" << meta.code << ": off}` in .wincompat.yaml.\n\n";
}

/// A summary as one Markdown table cell.
std::string table_cell(const std::string &text) {
  std::string cell;
  for (const char c : text) {
    if (c == '|') {
      cell += "\\|";
    } else {
      cell += c == '\n' ? ' ' : c;
    }
  }
  return cell;
}

/// README's rule table: one row per rule, linked to its section of docs/rules.md.
void print_table() {
  std::cout << "| code | default | what it finds |\n|---|---|---|\n";
  for (const RuleEntry &rule : all_rules()) {
    const RuleMeta &meta = *rule.meta;
    std::cout << "| [" << meta.code << "](docs/rules.md#" << to_lower(meta.code) << '-' << meta.name << ") | "
              << to_string(meta.default_severity) << " | " << table_cell(std::string(meta.summary)) << " |\n";
  }
}

} // namespace

int run_rules(const std::string &format) {
  if (format == "json") {
    Json list = Json::array();
    for (const RuleEntry &rule : all_rules()) {
      list.push_back(Json{{"code", rule.meta->code},
                          {"name", rule.meta->name},
                          {"severity", to_string(rule.meta->default_severity)},
                          {"target", target_name(rule.meta->target)},
                          {"title", rule.meta->summary},
                          {"helpUri", help_url(rule.meta->code)}});
    }
    std::cout << list.dump(2) << '\n';
    return kExitClean;
  }
  if (format == "table") {
    print_table();
    return kExitClean;
  }
  if (format == "markdown") {
    std::cout << "# wincompat rules\n\nGenerated by `wincompat rules --format markdown`; do not edit.\n\n";
    for (const RuleEntry &rule : all_rules()) {
      print_markdown(*rule.meta);
    }
    return kExitClean;
  }
  for (const RuleEntry &rule : all_rules()) {
    std::cout << rule.meta->code << "  " << to_string(rule.meta->default_severity)
              << std::string(8 - to_string(rule.meta->default_severity).size(), ' ') << rule.meta->name
              << "\n      " << rule.meta->summary << "\n      " << help_url(rule.meta->code) << '\n';
  }
  return kExitClean;
}

int run_explain(const std::string &code) {
  const std::optional<RuleCode> rule = find_rule(code);
  if (!rule) {
    std::cerr << "wincompat: unknown rule '" << code << "'; `wincompat rules` lists them\n";
    return kExitUsage;
  }
  print_markdown(rule_meta(*rule));
  std::cout << "More: " << help_url(rule_meta(*rule).code) << '\n';
  return kExitClean;
}

} // namespace wincompat::cli
