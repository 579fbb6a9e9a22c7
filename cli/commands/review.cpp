// `xianjie review`: the review status of the findings kept in a state file (scan --state).
//
//   xianjie review --state FILE FINGERPRINT --status S --reason TEXT --reviewer NAME
//   xianjie review --state FILE --list [--status S]
//   xianjie review --state FILE --history FINGERPRINT
//   xianjie review --state FILE --show FINGERPRINT
//
// Everything goes through xianjie/state.h; this file parses options and prints.
#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "commands/commands.h"
#include "common.h"
#include "xianjie/state.h"

namespace xianjie::cli {
namespace {

struct ReviewArgs {
  std::string state;
  std::string fingerprint;
  std::string status;
  std::string reason;
  std::string reviewer;
  std::string history;
  std::string show;
  bool list = false;
};

// The four statuses a reviewer can set; "open" is where every finding starts (and where a
// dismissed finding returns when its evidence changes).
constexpr const char* kSettable = "confirmed（已确认）、transferred（已移送）、dismissed（已排除）、investigating（核查中）";

std::string status_text(ReviewStatus s) {
  return fmt::format("{}（{}）", review_status_label(s), review_status_name(s));
}

std::string reasons_text() {
  std::string out;
  for (auto r : dismissal_reasons()) out += (out.empty() ? "" : " / ") + std::string(r);
  return out;
}

int fail(const StateError& e) {
  fmt::print(stderr, "错误: {}\n", e.message);
  return kExitError;
}

void print_finding_line(const StoredFinding& f) {
  std::string extra;
  if (!f.present) extra += "  〔最近一次扫描未发现〕";
  if (!f.status_reason.empty()) extra += "  理由：" + f.status_reason;
  if (!f.status_by.empty()) extra += "  （" + f.status_by + "，" + f.status_at + "）";
  fmt::print("{}  {}  {}  {}  {}  第 {}–{} 次扫描{}\n", f.fingerprint, status_text(f.status), f.rule_id,
             f.case_id.empty() ? "（无案件编号）" : f.case_id, f.party_name.empty() ? "（当事人缺失）" : f.party_name,
             f.first_seen_scan, f.last_seen_scan, extra);
}

int list(StateStore& store, const ReviewArgs& a) {
  std::optional<ReviewStatus> status;
  if (!a.status.empty()) {
    status = parse_review_status(a.status);
    if (!status) {
      fmt::print(stderr, "错误: --status 应为 open、{}\n", kSettable);
      return kExitError;
    }
  }
  StateError e;
  auto scans = store.scans(e);
  if (e) return fail(e);
  auto findings = store.list(status, e);
  if (e) return fail(e);
  if (scans.empty()) fmt::print("状态文件 {}：尚未记录扫描\n", store.path());
  else
    fmt::print("状态文件 {}：已记录 {} 次扫描，最近一次为第 {} 次（{}）；{}线索 {} 条\n", store.path(), scans.size(),
               scans.back().id, scans.back().started_at, status ? status_text(*status) + "的" : "", findings.size());
  for (const auto& f : findings) print_finding_line(f);
  return kExitOk;
}

int history(StateStore& store, const std::string& fingerprint) {
  StateError e;
  auto f = store.get(fingerprint, e);
  if (!f) return fail(e);
  auto entries = store.history(f->fingerprint, e);
  if (e) return fail(e);
  fmt::print("线索 {}\n", f->fingerprint);
  fmt::print("  {} · {} · {} · {}\n", f->rule_id, f->case_id.empty() ? "（无案件编号）" : f->case_id,
             f->party_name.empty() ? "（当事人缺失）" : f->party_name, f->offense);
  fmt::print("  首次发现：第 {} 次扫描（{}）；最近发现：第 {} 次扫描（{}）{}\n", f->first_seen_scan, f->first_seen_at,
             f->last_seen_scan, f->last_seen_at, f->present ? "" : "；最近一次扫描未发现");
  fmt::print("  当前状态：{}{}\n", status_text(f->status), f->status_reason.empty() ? "" : "，理由：" + f->status_reason);
  if (!f->note.empty()) fmt::print("  扫描说明：{}\n", f->note);
  if (entries.empty()) {
    fmt::print("  （尚无状态变更记录）\n");
    return kExitOk;
  }
  fmt::print("  状态变更（{} 次）：\n", entries.size());
  for (const auto& h : entries)
    fmt::print("    {}  {}  {} → {}{}{}\n", h.at, h.actor, h.old_status ? status_text(*h.old_status) : "（无）",
               status_text(h.new_status), h.reason.empty() ? "" : "  理由：" + h.reason,
               h.scan_id ? fmt::format("（第 {} 次扫描）", *h.scan_id) : "");
  return kExitOk;
}

int show(StateStore& store, const std::string& fingerprint) {
  StateError e;
  auto f = store.get(fingerprint, e);
  if (!f) return fail(e);
  fmt::print("{}\n", f->finding_json);
  return kExitOk;
}

int set_status(StateStore& store, const ReviewArgs& a) {
  auto status = parse_review_status(a.status);
  if (!status || *status == ReviewStatus::kOpen) {
    fmt::print(stderr, "错误: --status 应为 {}\n", kSettable);
    return kExitError;
  }
  StateError e;
  auto entry = store.set_status(a.fingerprint, *status, a.reason, a.reviewer, e);
  if (!entry) return fail(e);
  fmt::print("线索 {}：{} → {}{}；审查人 {}（{}）\n", entry->fingerprint,
             entry->old_status ? status_text(*entry->old_status) : "（无）", status_text(entry->new_status),
             entry->reason.empty() ? "" : "，理由：" + entry->reason, entry->actor, entry->at);
  return kExitOk;
}

int run(const ReviewArgs& a) {
  const int modes = (a.list ? 1 : 0) + (a.history.empty() ? 0 : 1) + (a.show.empty() ? 0 : 1) + (a.fingerprint.empty() ? 0 : 1);
  if (modes != 1) {
    fmt::print(stderr,
               "错误: 请给出一项操作：指纹 --status S --reason 理由 --reviewer 姓名（设置状态）、--list、--history 指纹 "
               "或 --show 指纹\n");
    return kExitError;
  }
  if (!a.fingerprint.empty() && a.status.empty()) {
    fmt::print(stderr, "错误: 设置状态须给出 --status（{}）\n", kSettable);
    return kExitError;
  }
  if (a.fingerprint.empty() && !a.list && (!a.reason.empty() || !a.reviewer.empty())) {
    fmt::print(stderr, "错误: --reason 与 --reviewer 只用于设置状态（指纹 --status …）\n");
    return kExitError;
  }
  StateError e;
  auto store = StateStore::open(a.state, StateStore::OpenMode::kExisting, e);
  if (!store) return fail(e);
  if (a.list) return list(*store, a);
  if (!a.history.empty()) return history(*store, a.history);
  if (!a.show.empty()) return show(*store, a.show);
  return set_status(*store, a);
}

}  // namespace

void register_review(CLI::App& app, int& exit_code) {
  auto a = std::make_shared<ReviewArgs>();
  auto* cmd = app.add_subcommand("review", "审查扫描状态文件中的线索：设置状态（附理由与审查人）、列出、查看变更记录");
  cmd->add_option("--state", a->state, "状态文件（由 scan --state 建立）")->required();
  cmd->add_option("fingerprint", a->fingerprint, "要设置状态的线索指纹（32 位，或至少前 8 位）");
  cmd->add_option("--status", a->status,
                  std::string("设置的状态：") + kSettable + "；与 --list 一起时按状态筛选（另有 open 待审查）");
  cmd->add_option("--reason", a->reason, "理由；排除（dismissed）须为法定理由之一：" + reasons_text() + "（可加“：说明”，“其他”须说明）");
  cmd->add_option("--reviewer", a->reviewer, "审查人姓名（记入审计记录）");
  cmd->add_flag("--list", a->list, "列出线索及其状态");
  cmd->add_option("--history", a->history, "显示一条线索的状态变更记录");
  cmd->add_option("--show", a->show, "输出一条线索最近一次扫描时的内容（JSON）");
  cmd->callback([a, &exit_code]() { exit_code = run(*a); });
}

}  // namespace xianjie::cli
