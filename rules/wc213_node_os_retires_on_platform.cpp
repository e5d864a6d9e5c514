// WC213: an inventory pool's Windows OS retires on its platform (AKS, EKS,
// GKE, AKS on Azure Local) within lifecycleWarningDays, or has retired.
#include "support.hpp"

#include "wincompat/kubernetes.hpp"
#include "wincompat/lifecycle.hpp"

namespace wincompat::rules::wc213 {

namespace {

/// The platform a pool runs on: config `platform:`, else its labels.
const Platform *platform_of(const NodePool &pool, const PlatformLifecycle &table) {
  return pool.platform.empty() ? table.identify(pool.labels) : table.find(pool.platform);
}

/// The release to move to: the newest LTSC the platform supports past the
/// warning window (no retirement known, or one after it).
const Release *move_target(const Platform &platform, const Release &current, const CheckSettings &settings) {
  const Release *best = nullptr;
  for (const PlatformRetirement &entry : platform.windows) {
    const Release &release = *entry.release;
    if (release.channel != Channel::Ltsc || release.build <= current.build ||
        (!entry.retires.empty() &&
         days_between(settings.today, entry.retires) <= settings.lifecycle_warning_days)) {
      continue;
    }
    if (!best || release.build > best->build) {
      best = &release;
    }
  }
  return best;
}

std::string day_count(long days) {
  return std::to_string(days) + (days == 1 ? " day" : " days");
}

} // namespace

void check_pool(const NodePool &pool, RuleContext &ctx) {
  const CheckSettings &settings = ctx.settings();
  if (pool.os != "windows" || !pool.build || !pool.origin) {
    return;
  }
  const PlatformLifecycle &table = PlatformLifecycle::builtin();
  const Platform *platform = platform_of(pool, table);
  const Release *release = settings.releases->find_build(pool.build->build);
  if (!platform || !release) {
    return; // an unknown platform, or a build no release has: nothing certain to say
  }
  // An AKS os-sku label names the release itself (Windows2022, WindowsAnnual).
  if (const auto sku = pool.labels.find("kubernetes.azure.com/os-sku"); sku != pool.labels.end()) {
    const Release *named = settings.releases->find_name(sku->second, /*as_host=*/true);
    if (named && named->build == release->build) {
      release = named;
    }
  }
  const PlatformRetirement *entry = platform->find(*release);
  if (!entry || entry->retires.empty() || settings.today.empty()) {
    return;
  }
  const long days = days_between(settings.today, entry->retires);
  if (days > settings.lifecycle_warning_days) {
    return;
  }
  const std::string when = days > 0    ? entry->retires + ", in " + day_count(days)
                           : days == 0 ? entry->retires + ", today"
                                       : entry->retires + ", " + day_count(-days) + " ago";
  std::string message = "node pool " + pool.name + " runs " + release->name;
  if (entry->follows_microsoft) {
    // The platform announces no date of its own: Microsoft's end of servicing, said as such.
    message += ", whose servicing by Microsoft, which " + platform->name + " follows, " +
               (days >= 0 ? "ends on " : "ended on ") + when + " (" + entry->source + ")";
  } else {
    message += ", which " + platform->name + (days >= 0 ? " retires on " : " retired on ") + when + " (" +
               entry->source + ")";
  }
  if (!entry->note.empty()) {
    message += "; " + entry->note;
  }
  const Release *target = move_target(*platform, *release, settings);
  message += target ? "; `wincompat plan --to " + target->id + "` shows what moving it breaks and fixes"
                    : "; no newer Windows Server release is known to be supported on " + platform->name +
                          " beyond the warning window";
  ctx.report(pool.os_span, std::move(message));
}

} // namespace wincompat::rules::wc213
