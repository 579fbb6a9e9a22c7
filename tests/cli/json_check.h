// For tests of the check-data reports (unit and end-to-end): a strict JSON reader that fails on
// any syntax error, and a structural check of SARIF 2.1.0 logs against the parts of the OASIS
// schema (sarif-schema-2.1.0.json) that the objects xianjie writes are defined by: required
// members, member names (the schema closes every object with additionalProperties: false, so a
// misspelt member is invalid), value types, enums and minimums.
#pragma once

#include <cstdint>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Its own namespace: tests/cli/json_lite.h (the jsonl tests) has a Json of its own in xianjie::test,
// and both are linked into xianjie_cli_tests.
namespace xianjie::check_data_test {

struct Json {
  enum Kind { kNull, kBool, kNumber, kString, kArray, kObject } kind = kNull;
  bool b = false;
  double number = 0;
  bool integral = false;  // the number was written without a fraction or exponent
  std::string str;
  std::vector<Json> items;
  std::vector<std::pair<std::string, Json>> members;

  const Json* find(std::string_view key) const {
    for (const auto& [k, v] : members)
      if (k == key) return &v;
    return nullptr;
  }
  bool has(std::string_view key) const { return find(key) != nullptr; }
  const Json& operator[](std::string_view key) const {
    if (const Json* v = find(key)) return *v;
    throw std::runtime_error("no member " + std::string(key));
  }
  const Json& operator[](size_t i) const {
    if (kind != kArray || i >= items.size()) throw std::runtime_error("no item " + std::to_string(i));
    return items[i];
  }
};

// Parses one complete JSON text; throws std::runtime_error with the offset on any error.
class JsonReader {
 public:
  explicit JsonReader(std::string_view s) : s_(s) {}

  Json document() {
    Json v = value(0);
    space();
    need(i_ == s_.size(), "text after the value");
    return v;
  }

 private:
  void need(bool ok, const char* what) const {
    if (!ok) throw std::runtime_error(std::string("JSON: ") + what + " at offset " + std::to_string(i_));
  }
  void space() {
    while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\r' || s_[i_] == '\t')) ++i_;
  }
  bool peek(char c) {
    space();
    return i_ < s_.size() && s_[i_] == c;
  }
  void expect(char c) {
    need(peek(c), "unexpected character");
    ++i_;
  }
  bool literal(std::string_view word) {
    if (s_.substr(i_, word.size()) != word) return false;
    i_ += word.size();
    return true;
  }
  static void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  Json value(int depth) {
    need(depth < 64, "nesting too deep");
    space();
    need(i_ < s_.size(), "unexpected end");
    Json v;
    const char c = s_[i_];
    if (c == '{') {
      v.kind = Json::kObject;
      ++i_;
      if (peek('}')) { ++i_; return v; }
      std::set<std::string> seen;
      do {
        space();
        std::string k = string();
        need(seen.insert(k).second, "duplicate member name");
        expect(':');
        v.members.emplace_back(std::move(k), value(depth + 1));
      } while (peek(',') && ++i_);
      expect('}');
    } else if (c == '[') {
      v.kind = Json::kArray;
      ++i_;
      if (peek(']')) { ++i_; return v; }
      do v.items.push_back(value(depth + 1));
      while (peek(',') && ++i_);
      expect(']');
    } else if (c == '"') {
      v.kind = Json::kString;
      v.str = string();
    } else if (literal("true")) {
      v.kind = Json::kBool;
      v.b = true;
    } else if (literal("false")) {
      v.kind = Json::kBool;
    } else if (literal("null")) {
      v.kind = Json::kNull;
    } else {
      const size_t start = i_;
      if (i_ < s_.size() && s_[i_] == '-') ++i_;
      need(i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9', "not a value");
      if (s_[i_] == '0') ++i_;
      else while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      v.integral = true;
      if (i_ < s_.size() && s_[i_] == '.') {
        v.integral = false;
        ++i_;
        need(i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9', "digit expected after '.'");
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      }
      if (i_ < s_.size() && (s_[i_] == 'e' || s_[i_] == 'E')) {
        v.integral = false;
        ++i_;
        if (i_ < s_.size() && (s_[i_] == '+' || s_[i_] == '-')) ++i_;
        need(i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9', "digit expected in exponent");
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9') ++i_;
      }
      v.kind = Json::kNumber;
      v.number = std::stod(std::string(s_.substr(start, i_ - start)));
    }
    return v;
  }

  std::string string() {
    need(i_ < s_.size() && s_[i_] == '"', "a string was expected");
    ++i_;
    std::string out;
    for (;;) {
      need(i_ < s_.size(), "unterminated string");
      const auto c = static_cast<unsigned char>(s_[i_++]);
      if (c == '"') break;
      need(c >= 0x20, "raw control character in a string");
      if (c != '\\') {
        out += static_cast<char>(c);
        continue;
      }
      need(i_ < s_.size(), "unterminated escape");
      const char e = s_[i_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          need(i_ + 4 <= s_.size(), "short \\u escape");
          const uint32_t cp = static_cast<uint32_t>(std::stoul(std::string(s_.substr(i_, 4)), nullptr, 16));
          need(cp < 0xD800 || cp > 0xDFFF, "surrogate escape");
          i_ += 4;
          append_utf8(out, cp);
          break;
        }
        default: need(false, "unknown escape");
      }
    }
    return out;
  }

  std::string_view s_;
  size_t i_ = 0;
};

inline Json parse_json(std::string_view text) { return JsonReader(text).document(); }

// Problems of a SARIF 2.1.0 log, each as "path: what"; empty when the log is valid as far as the
// objects xianjie writes go. An object kind not written by xianjie (codeFlows, fixes, …) is
// reported as unexpected rather than checked.
class SarifCheck {
 public:
  std::vector<std::string> run(const Json& log) {
    problems_.clear();
    object(log, "$", {"$schema", "version", "runs", "inlineExternalProperties", "properties"}, {"version", "runs"});
    if (const Json* v = log.find("version")) need(v->kind == Json::kString && v->str == "2.1.0", "$.version", "must be \"2.1.0\"");
    if (const Json* v = log.find("$schema")) need(v->kind == Json::kString && is_uri(v->str, true), "$.$schema", "must be an absolute URI");
    if (const Json* runs = array(log, "runs", "$"))
      for (size_t k = 0; k < runs->items.size(); ++k) run_object(runs->items[k], "$.runs[" + std::to_string(k) + "]");
    return problems_;
  }

 private:
  void need(bool ok, const std::string& path, const std::string& what) {
    if (!ok) problems_.push_back(path + ": " + what);
  }
  // Checks member names against `allowed` and presence of `required`; false if not an object.
  bool object(const Json& v, const std::string& path, std::set<std::string> allowed, std::set<std::string> required) {
    if (v.kind != Json::kObject) {
      need(false, path, "must be an object");
      return false;
    }
    for (const auto& [k, _] : v.members) need(allowed.count(k) > 0, path + "." + k, "member not allowed by the schema");
    for (const auto& r : required) need(v.has(r), path, "missing required member " + r);
    if (const Json* p = v.find("properties")) need(p->kind == Json::kObject, path + ".properties", "a property bag must be an object");
    return true;
  }
  const Json* array(const Json& parent, std::string_view key, const std::string& path) {
    const Json* v = parent.find(key);
    if (!v) return nullptr;
    need(v->kind == Json::kArray, path + "." + std::string(key), "must be an array");
    return v->kind == Json::kArray ? v : nullptr;
  }
  void string_member(const Json& parent, std::string_view key, const std::string& path) {
    if (const Json* v = parent.find(key)) need(v->kind == Json::kString, path + "." + std::string(key), "must be a string");
  }
  void integer_member(const Json& parent, std::string_view key, const std::string& path, double minimum) {
    if (const Json* v = parent.find(key))
      need(v->kind == Json::kNumber && v->integral && v->number >= minimum, path + "." + std::string(key),
           "must be an integer >= " + std::to_string(static_cast<long long>(minimum)));
  }
  void level_member(const Json& parent, const std::string& path) {
    if (const Json* v = parent.find("level"))
      need(v->kind == Json::kString && (v->str == "none" || v->str == "note" || v->str == "warning" || v->str == "error"),
           path + ".level", "must be one of none, note, warning, error");
  }
  // message / multiformatMessageString: text (or id, for a message) required.
  void message(const Json& v, const std::string& path, bool multiformat) {
    if (!object(v, path, multiformat ? std::set<std::string>{"text", "markdown", "properties"}
                                     : std::set<std::string>{"text", "markdown", "id", "arguments", "properties"},
                multiformat ? std::set<std::string>{"text"} : std::set<std::string>{}))
      return;
    string_member(v, "text", path);
    if (!multiformat) need(v.has("text") || v.has("id"), path, "a message needs text or id");
    if (const Json* t = v.find("text")) need(!t->str.empty(), path + ".text", "empty message");
  }
  static bool is_uri(const std::string& s, bool absolute) {
    if (s.empty()) return false;
    for (unsigned char c : s)
      if (c <= 0x20 || c >= 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '^' || c == '`' || c == '{' ||
          c == '|' || c == '}')
        return false;  // not percent-encoded
    const size_t colon = s.find(':');
    const bool has_scheme = colon != std::string::npos && colon > 0 && s.find('/') > colon;
    return !absolute || has_scheme;
  }
  void artifact_location(const Json& v, const std::string& path) {
    if (!object(v, path, {"uri", "uriBaseId", "index", "description", "properties"}, {})) return;
    if (const Json* u = v.find("uri")) need(u->kind == Json::kString && is_uri(u->str, false), path + ".uri", "must be a percent-encoded URI reference");
    string_member(v, "uriBaseId", path);
    integer_member(v, "index", path, -1);
  }
  void run_object(const Json& run, const std::string& path) {
    if (!object(run, path,
                {"tool", "invocations", "conversion", "language", "versionControlProvenance", "originalUriBaseIds",
                 "artifacts", "logicalLocations", "graphs", "results", "automationDetails", "runAggregates",
                 "baselineGuid", "redactionTokens", "defaultEncoding", "defaultSourceLanguage", "newlineSequences",
                 "columnKind", "externalPropertyFileReferences", "threadFlowLocations", "taxonomies", "addresses",
                 "translations", "policies", "webRequests", "webResponses", "specialLocations", "properties"},
                {"tool"}))
      return;
    size_t rule_count = 0;
    std::vector<std::string> rule_ids;
    if (const Json* tool = run.find("tool"); tool && object(*tool, path + ".tool", {"driver", "extensions", "properties"}, {"driver"})) {
      const Json& d = (*tool)["driver"];
      const std::string dp = path + ".tool.driver";
      if (object(d, dp,
                 {"guid", "name", "organization", "product", "productSuite", "shortDescription", "fullDescription",
                  "fullName", "version", "semanticVersion", "dottedQuadFileVersion", "releaseDateUtc", "downloadUri",
                  "informationUri", "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language",
                  "contents", "isComprehensive", "localizedDataSemanticVersion", "minimumRequiredLocalizedDataSemanticVersion",
                  "associatedComponent", "translationMetadata", "supportedTaxonomies", "properties"},
                 {"name"})) {
        string_member(d, "name", dp);
        string_member(d, "version", dp);
        string_member(d, "fullName", dp);
        if (const Json* rules = array(d, "rules", dp)) {
          rule_count = rules->items.size();
          std::set<std::string> ids;
          for (size_t k = 0; k < rules->items.size(); ++k) {
            const Json& r = rules->items[k];
            const std::string rp = dp + ".rules[" + std::to_string(k) + "]";
            if (!object(r, rp,
                        {"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames", "shortDescription",
                         "fullDescription", "messageStrings", "defaultConfiguration", "helpUri", "help", "relationships",
                         "properties"},
                        {"id"}))
              continue;
            string_member(r, "id", rp);
            string_member(r, "name", rp);
            rule_ids.push_back(r.has("id") ? r["id"].str : "");
            need(ids.insert(rule_ids.back()).second, rp + ".id", "duplicate rule id");
            for (const char* m : {"shortDescription", "fullDescription", "help"})
              if (const Json* v = r.find(m)) message(*v, rp + "." + m, true);
            if (const Json* c = r.find("defaultConfiguration")) configuration(*c, rp + ".defaultConfiguration");
          }
        }
      }
    }
    if (const Json* invocations = array(run, "invocations", path))
      for (size_t k = 0; k < invocations->items.size(); ++k)
        invocation(invocations->items[k], path + ".invocations[" + std::to_string(k) + "]", rule_count);
    if (const Json* bases = run.find("originalUriBaseIds")) {
      need(bases->kind == Json::kObject, path + ".originalUriBaseIds", "must be an object");
      for (const auto& [k, v] : bases->members) {
        const std::string bp = path + ".originalUriBaseIds." + k;
        artifact_location(v, bp);
        if (const Json* u = v.find("uri")) {
          need(is_uri(u->str, true), bp + ".uri", "a base URI must be absolute");
          need(!u->str.empty() && u->str.back() == '/', bp + ".uri", "a base URI must end with a slash");
        }
      }
    }
    if (const Json* lang = run.find("language")) need(lang->kind == Json::kString && lang->str.size() >= 2, path + ".language", "must be a culture code");
    if (const Json* results = array(run, "results", path))
      for (size_t k = 0; k < results->items.size(); ++k)
        result(results->items[k], path + ".results[" + std::to_string(k) + "]", rule_ids, run);
  }
  void configuration(const Json& c, const std::string& path) {
    if (!object(c, path, {"enabled", "level", "rank", "parameters", "properties"}, {})) return;
    level_member(c, path);
    if (const Json* e = c.find("enabled")) need(e->kind == Json::kBool, path + ".enabled", "must be a boolean");
  }
  void invocation(const Json& inv, const std::string& path, size_t rule_count) {
    if (!object(inv, path,
                {"commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode",
                 "ruleConfigurationOverrides", "notificationConfigurationOverrides", "toolExecutionNotifications",
                 "toolConfigurationNotifications", "exitCodeDescription", "exitSignalName", "exitSignalNumber",
                 "processStartFailureMessage", "executionSuccessful", "machine", "account", "processId",
                 "executableLocation", "workingDirectory", "environmentVariables", "stdin", "stdout", "stderr",
                 "stdoutStderr", "properties"},
                {"executionSuccessful"}))
      return;
    need(inv["executionSuccessful"].kind == Json::kBool, path + ".executionSuccessful", "must be a boolean");
    if (const Json* notes = array(inv, "toolExecutionNotifications", path))
      for (size_t k = 0; k < notes->items.size(); ++k) {
        const Json& n = notes->items[k];
        const std::string np = path + ".toolExecutionNotifications[" + std::to_string(k) + "]";
        if (!object(n, np, {"locations", "message", "level", "threadId", "timeUtc", "exception", "descriptor",
                            "associatedRule", "properties"}, {"message"}))
          continue;
        message(n["message"], np + ".message", false);
        level_member(n, np);
      }
    if (const Json* overrides = array(inv, "ruleConfigurationOverrides", path))
      for (size_t k = 0; k < overrides->items.size(); ++k) {
        const Json& o = overrides->items[k];
        const std::string op = path + ".ruleConfigurationOverrides[" + std::to_string(k) + "]";
        if (!object(o, op, {"configuration", "descriptor", "properties"}, {"configuration", "descriptor"})) continue;
        configuration(o["configuration"], op + ".configuration");
        const Json& d = o["descriptor"];
        if (object(d, op + ".descriptor", {"id", "index", "guid", "toolComponent", "properties"}, {})) {
          need(d.has("id") || d.has("index") || d.has("guid"), op + ".descriptor", "needs id, index or guid");
          integer_member(d, "index", op + ".descriptor", -1);
          if (const Json* i = d.find("index")) need(i->number < static_cast<double>(rule_count), op + ".descriptor.index", "no such rule");
        }
      }
  }
  void result(const Json& r, const std::string& path, const std::vector<std::string>& rule_ids, const Json& run) {
    if (!object(r, path,
                {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations", "guid",
                 "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints", "stacks", "codeFlows",
                 "graphs", "graphTraversals", "relatedLocations", "suppressions", "baselineState", "rank",
                 "attachments", "hostedViewerUri", "workItemUris", "provenance", "fixes", "taxa", "webRequest",
                 "webResponse", "properties"},
                {"message"}))
      return;
    string_member(r, "ruleId", path);
    integer_member(r, "ruleIndex", path, -1);
    level_member(r, path);
    message(r["message"], path + ".message", false);
    if (const Json* id = r.find("ruleId")) {
      bool known = false;
      for (const auto& k : rule_ids) known = known || k == id->str;
      need(known, path + ".ruleId", "names no rule of tool.driver.rules");
      if (const Json* index = r.find("ruleIndex"))
        need(index->number >= 0 && index->number < static_cast<double>(rule_ids.size()) &&
                 rule_ids[static_cast<size_t>(index->number)] == id->str,
             path + ".ruleIndex", "does not point at the rule named by ruleId");
    }
    if (const Json* locations = array(r, "locations", path))
      for (size_t k = 0; k < locations->items.size(); ++k) location(locations->items[k], path + ".locations[" + std::to_string(k) + "]", run);
  }
  void location(const Json& l, const std::string& path, const Json& run) {
    if (!object(l, path, {"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships", "properties"}, {}))
      return;
    if (const Json* p = l.find("physicalLocation")) {
      const std::string pp = path + ".physicalLocation";
      if (object(*p, pp, {"address", "artifactLocation", "region", "contextRegion", "properties"}, {})) {
        need(p->has("address") || p->has("artifactLocation"), pp, "needs address or artifactLocation");
        if (const Json* a = p->find("artifactLocation")) {
          artifact_location(*a, pp + ".artifactLocation");
          if (const Json* base = a->find("uriBaseId")) {
            const Json* bases = run.find("originalUriBaseIds");
            need(bases && bases->has(base->str), pp + ".artifactLocation.uriBaseId", "not defined in run.originalUriBaseIds");
          }
        }
        if (const Json* region = p->find("region")) {
          const std::string rp = pp + ".region";
          if (object(*region, rp,
                     {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength", "byteOffset",
                      "byteLength", "snippet", "message", "sourceLanguage", "properties"},
                     {})) {
            integer_member(*region, "startLine", rp, 1);
            integer_member(*region, "endLine", rp, 1);
            need(region->has("startLine") || region->has("charOffset") || region->has("byteOffset"), rp,
                 "needs startLine, charOffset or byteOffset");
          }
        }
      }
    }
    if (const Json* logical = array(l, "logicalLocations", path))
      for (size_t k = 0; k < logical->items.size(); ++k) {
        const std::string lp = path + ".logicalLocations[" + std::to_string(k) + "]";
        if (object(logical->items[k], lp, {"name", "index", "fullyQualifiedName", "decoratedName", "parentIndex", "kind", "properties"}, {}))
          for (const char* m : {"name", "fullyQualifiedName", "kind"}) string_member(logical->items[k], m, lp);
      }
  }

  std::vector<std::string> problems_;
};

inline std::vector<std::string> sarif_problems(const Json& log) { return SarifCheck().run(log); }

}  // namespace xianjie::check_data_test
