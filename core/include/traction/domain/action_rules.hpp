#pragma once
// The rules of an Action (001 "Operations: Actions" and its Action model): building one
// from a create request, applying an update, and the effects of its status.
//
// Choices:
// - Enumerations arrive as the wire's strings (priority, status) so that the message for a
//   bad value, naming the accepted ones, is written here once. Times arrive parsed.
// - The title is trimmed; lengths are counted in characters (UTF-8 code points).
// - dueDate may not fall on a day before startDate (compared by UTC date, so a due date
//   given as a plain date on the start's day is accepted).
// - A completed action is at 100 %: when the resulting status is completed the progress is
//   100 whatever the request says. Becoming completed sets completed_at = now; leaving
//   completed clears it (the progress stays as it is unless the request gives one).
// - Connection ids are trimmed, non-empty, at most limits::id characters; repeats are
//   dropped (first occurrence kept, order kept); at most limits::connections per list,
//   counted after the repeats are dropped.
// - Assignee: id ≤ limits::id, name ≤ limits::short_text; "" means unassigned.

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "traction/auth.hpp"
#include "traction/domain/action.hpp"
#include "traction/error.hpp"
#include "traction/time.hpp"

namespace traction {

struct ActionDraft {
  std::string title;                       // required, ≤ limits::title
  std::optional<std::string> description;  // ≤ limits::long_text
  std::optional<Timestamp> start_date;
  std::optional<Timestamp> due_date;
  std::optional<std::string> priority;     // low | medium | high | critical; default medium
  std::optional<std::string> status;       // not_started | ... ; default not_started
  std::optional<std::string> assigned_person_id;
  std::optional<std::string> assigned_person_name;
  std::optional<double> progress;          // 0..100, default 0
  ActionConnections connections;
};

// Only given fields change. For the dates the outer optional says "given", the inner one
// the value (empty = cleared, JSON null). Each connection list given replaces that list.
struct ActionPatch {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::optional<Timestamp>> start_date;
  std::optional<std::optional<Timestamp>> due_date;
  std::optional<std::string> priority;
  std::optional<std::string> status;
  std::optional<std::string> assigned_person_id;
  std::optional<std::string> assigned_person_name;
  std::optional<double> progress;
  std::optional<std::vector<std::string>> goal_ids;
  std::optional<std::vector<std::string>> strategy_ids;
  std::optional<std::vector<std::string>> issue_ids;
};

struct ActionChange {
  Action action;
  bool completed = false;  // this request made the action completed (feed, performance)
  bool reopened = false;   // this request took a completed action out of completed
};

// A new action of actor.tenant, created by actor.user_id at `now`.
[[nodiscard]] Result<ActionChange> make_action(const ActionDraft& draft, std::string id,
                                               const AuthContext& actor, Timestamp now);

// `current` with the patch applied, updated by actor.user_id at `now`.
[[nodiscard]] Result<ActionChange> apply_action_patch(const Action& current, const ActionPatch& patch,
                                                      const AuthContext& actor, Timestamp now);

// A list of connection ids, cleaned as described above; `field` names the list in errors
// (e.g. "connections.goalIds"). Issues use the same rule.
[[nodiscard]] Result<std::vector<std::string>> clean_connection_ids(std::string_view field,
                                                                    std::span<const std::string> ids);

}  // namespace traction
