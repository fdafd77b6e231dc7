#pragma once
// Helpers of the operations use-case tests: actions, issues and the tenant's issue
// configuration on a Harness.

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "harness.hpp"

namespace traction::test {

inline ActionDraft action_draft(std::string title, ActionConnections connections = {}) {
  ActionDraft d;
  d.title = std::move(title);
  d.connections = std::move(connections);
  return d;
}

inline Action make_action(Harness& h, std::string title, ActionConnections connections = {},
                          const AuthContext& who = admin()) {
  auto created = h.services.operations.create_action(who, action_draft(std::move(title), std::move(connections)));
  if (!created) throw std::runtime_error("action: " + created.error().message);
  return std::move(*created);
}

inline IssueDraft issue_draft(std::string title) {
  IssueDraft d;
  d.title = std::move(title);
  return d;
}

inline IssueView make_issue(Harness& h, IssueDraft draft, const AuthContext& who = admin()) {
  auto created = h.services.operations.create_issue(who, draft);
  if (!created) throw std::runtime_error("issue: " + created.error().message);
  return std::move(*created);
}

inline IssueView make_issue(Harness& h, std::string title, const AuthContext& who = admin()) {
  return make_issue(h, issue_draft(std::move(title)), who);
}

inline std::vector<IssueStatus> all_statuses(Harness& h, const AuthContext& who = admin()) {
  auto list = h.services.issue_config.list_statuses(who, IssueStatusFilter{std::nullopt, true, true});
  if (!list) throw std::runtime_error("statuses: " + list.error().message);
  return std::move(*list);
}

inline std::vector<IssueType> all_types(Harness& h, const AuthContext& who = admin()) {
  auto list = h.services.issue_config.list_types(who, IssueTypeFilter{true, true});
  if (!list) throw std::runtime_error("types: " + list.error().message);
  return std::move(*list);
}

inline IssueStatus status_named(Harness& h, std::string_view name, const AuthContext& who = admin()) {
  for (auto& s : all_statuses(h, who)) {
    if (s.name == name) return s;
  }
  throw std::runtime_error("no status " + std::string(name));
}

inline IssueType type_named(Harness& h, std::string_view name, const AuthContext& who = admin()) {
  for (auto& t : all_types(h, who)) {
    if (t.name == name) return t;
  }
  throw std::runtime_error("no type " + std::string(name));
}

inline std::vector<std::string> feed_types(Harness& h, const AuthContext& who = admin()) {
  auto feed = h.services.activity.recent(who, recent_activity_max);
  if (!feed) throw std::runtime_error("feed: " + feed.error().message);
  std::vector<std::string> out;
  for (const auto& e : *feed) out.push_back(e.type);
  return out;
}

inline bool has(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

template <class Row>
std::vector<std::string> ids_of(const std::vector<Row>& rows) {
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.id);
  return out;
}

}  // namespace traction::test
