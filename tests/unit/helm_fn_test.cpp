// Helm's functions that Go fills at random (keys, certificates) or from the
// clock: charts that use them render every object, with values of Go's shape.
#include "helm_support.hpp"
#include "test_support.hpp"
#include "wincompat/helm.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace wincompat;
using wincompat::helm::test::render_template;

namespace {

ChartRequest helm_fn_request(const std::string &name) {
  ChartRequest request;
  request.path = "tests/charts/fixtures/" + name;
  request.fs_path = std::string(WINCOMPAT_SOURCE_DIR) + "/tests/charts/fixtures/" + name;
  request.today = "2026-12-04";
  return request;
}

std::string helm_fn_render(const std::string &tpl) {
  auto r = render_template(tpl);
  return r.error.empty() ? r.text : "ERROR: " + r.error;
}

} // namespace

TEST_CASE("a chart that generates its webhook certificates renders every object", "[helm][helmfn]") {
  const LayerResult result = render_chart(helm_fn_request("webhook-certs"));
  for (const auto &d : result.diagnostics) {
    INFO(d.path << ": " << d.diagnostic.code << " " << d.diagnostic.message);
    CHECK(false);
  }
  REQUIRE(result.documents.size() == 1);
  const std::string &text = result.documents[0].text;
  // Three objects: the Secret, the webhook configuration, the Windows Deployment.
  CHECK(text.find("kind: Secret") != std::string::npos);
  CHECK(text.find("kind: MutatingWebhookConfiguration") != std::string::npos);
  CHECK(text.find("kind: Deployment") != std::string::npos);
  CHECK(text.find("name: release-name-webhook-tls") != std::string::npos);
  // b64enc of a PEM certificate: "-----BEGIN CERTIFICATE-----" is "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t".
  CHECK(text.find("tls.crt: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t") != std::string::npos);
  // "-----BEGIN RSA PRIVATE KEY-----".
  CHECK(text.find("tls.key: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tL") != std::string::npos);
  CHECK(text.find("caBundle: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t") != std::string::npos);
  CHECK(text.find("image: \"mcr.microsoft.com/windows/nanoserver:ltsc2022\"") != std::string::npos);
  // Deterministic: the same render twice gives the same text.
  const LayerResult again = render_chart(helm_fn_request("webhook-certs"));
  REQUIRE(again.documents.size() == 1);
  CHECK(again.documents[0].text == text);
}

TEST_CASE("keys and certificates are PEM blocks of the kind Go returns", "[helm][helmfn]") {
  CHECK(helm_fn_render("{{ genPrivateKey \"rsa\" | trunc 31 }}") == "-----BEGIN RSA PRIVATE KEY-----");
  CHECK(helm_fn_render("{{ genPrivateKey \"\" | trunc 31 }}") == "-----BEGIN RSA PRIVATE KEY-----");
  CHECK(helm_fn_render("{{ genPrivateKey \"dsa\" | trunc 31 }}") == "-----BEGIN DSA PRIVATE KEY-----");
  CHECK(helm_fn_render("{{ genPrivateKey \"ecdsa\" | trunc 30 }}") == "-----BEGIN EC PRIVATE KEY-----");
  CHECK(helm_fn_render("{{ genPrivateKey \"ed25519\" | trunc 27 }}") == "-----BEGIN PRIVATE KEY-----");
  // Each line of the body is base64, 64 characters at most, and the block ends as Go's does.
  const std::string key = helm_fn_render("{{ genPrivateKey \"ecdsa\" }}");
  CHECK(key.size() > 100);
  CHECK(key.substr(key.size() - 29) == "-----END EC PRIVATE KEY-----\n");
  const std::string body = key.substr(31, key.size() - 31 - 29);
  size_t line_start = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '\n') {
      CHECK(i - line_start <= 64);
      line_start = i + 1;
    } else {
      CHECK((std::isalnum(static_cast<unsigned char>(body[i])) || body[i] == '+' || body[i] == '/' ||
             body[i] == '='));
    }
  }
  // A certificate struct: .Cert and .Key; %v prints both.
  CHECK(
      helm_fn_render(
          "{{ $c := genSelfSignedCert \"x\" nil nil 1 }}{{ $c.Cert | trunc 27 }} {{ $c.Key | trunc 31 }}") ==
      "-----BEGIN CERTIFICATE----- -----BEGIN RSA PRIVATE KEY-----");
  CHECK(helm_fn_render("{{ genCA \"x\" 1 | toString | trunc 28 }}") == "{-----BEGIN CERTIFICATE-----");
  // A key given to ...WithKey is the certificate's key.
  CHECK(helm_fn_render("{{ $k := genPrivateKey \"ecdsa\" }}{{ eq (genCAWithKey \"x\" 1 $k).Key $k }}") ==
        "true");
  CHECK(helm_fn_render("{{ genCAWithKey \"x\" 1 \"junk\" }}")
            .find("error calling genCAWithKey: parsing private key: no PEM data in input") !=
        std::string::npos);
  CHECK(helm_fn_render("{{ genSignedCert \"x\" nil nil 1 (dict) }}").find("expected sprig.certificate") !=
        std::string::npos);
}

TEST_CASE("random values are deterministic and of Go's shape", "[helm][helmfn]") {
  const std::string hash = helm_fn_render("{{ bcrypt \"pw\" }}");
  CHECK(hash.size() == 60);
  CHECK(hash.rfind("$2a$10$", 0) == 0);
  CHECK(helm_fn_render("{{ htpasswd \"user\" \"pw\" | trunc 12 }}") == "user:$2a$10$");
  CHECK(helm_fn_render("{{ randBytes 32 | b64dec | len }}") == "32");
  CHECK(helm_fn_render("{{ randBytes 32 }}") == helm_fn_render("{{ randBytes 32 }}"));
  CHECK(helm_fn_render("{{ encryptAES \"k\" \"text\" | decryptAES \"k\" }}") == "text");
}

TEST_CASE("dates never read the clock: now is midnight UTC of --today", "[helm][helmfn]") {
  // render_template's engine renders on 2026-12-04.
  CHECK(helm_fn_render("{{ now }}") == "2026-12-04 00:00:00 +0000 UTC");
  CHECK(helm_fn_render("{{ now | date \"2006-01-02\" }}|{{ htmlDate now }}|{{ now | unixEpoch }}") ==
        "2026-12-04|2026-12-04|1796342400");
  CHECK(helm_fn_render("{{ ago (toDate \"2006-01-02\" \"2026-12-03\") }}") == "24h0m0s");
  CHECK(helm_fn_render("{{ ago 1796342340 }}") == "1m0s");
  CHECK(helm_fn_render("{{ durationRound (toDate \"2006-01-02\" \"2026-10-01\") }}") == "2mo");
  CHECK(helm_fn_render("{{ date \"2006\" \"not a time\" }}") == "2026"); // Go: now
}

TEST_CASE("dateInZone reads IANA zones from the system's tz database, else UTC", "[helm][helmfn]") {
  const std::string berlin =
      helm_fn_render("{{ dateInZone \"2006-01-02 15:04 MST\" 1700000000 \"Europe/Berlin\" }}");
  const std::string new_york =
      helm_fn_render("{{ dateInZone \"Jan _2 15:04 MST -07:00\" 1720000000 \"America/New_York\" }}");
  if (std::filesystem::exists("/usr/share/zoneinfo/Europe/Berlin")) {
    // Go 1.19's answers for the same instants and zones.
    CHECK(berlin == "2023-11-14 23:13 CET");
    CHECK(new_york == "Jul  3 05:46 EDT -04:00");
  } else {
    CHECK(berlin == "2023-11-14 22:13 UTC");
  }
  CHECK(helm_fn_render("{{ dateInZone \"15:04 MST\" 1700000000 \"../../etc/passwd\" }}") == "22:13 UTC");
}
