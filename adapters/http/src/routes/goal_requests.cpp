#include "routes/goal_requests.hpp"

#include <boost/json/serialize.hpp>

#include <limits>

#include "traction/domain/limits.hpp"

namespace traction::http {
namespace {

constexpr double huge = std::numeric_limits<double>::max();

// Moves an optional field read into `target` (leaving it untouched when absent).
template <class T, class U>
bool take(Result<std::optional<T>>&& read, U& target, std::optional<Error>& error) {
  if (!read) {
    if (!error) error = read.error();
    return false;
  }
  if (*read) target = std::move(**read);
  return true;
}

template <class T>
bool take_patch(Result<Patch<T>>&& read, Patch<T>& target, std::optional<Error>& error) {
  if (!read) {
    if (!error) error = read.error();
    return false;
  }
  target = std::move(*read);
  return true;
}

template <class T>
Result<T> done(std::optional<Error>& error, T value) {
  if (error) return std::unexpected(std::move(*error));
  return value;
}

// A patch field that may not be cleared: null reads as "no change" would surprise, so it
// is an error naming the field.
template <class T>
bool take_value(Result<Patch<T>>&& read, std::optional<T>& target, const FieldReader& in,
                const FieldNames& names, std::optional<Error>& error) {
  if (!read) {
    if (!error) error = read.error();
    return false;
  }
  if (!*read) return true;
  if (!**read) {
    if (!error) error = Error{ErrorCode::validation_error, in.field_name(names) + " cannot be null", in.field_name(names)};
    return false;
  }
  target = std::move(***read);
  return true;
}

}  // namespace

Result<GoalDraft> read_goal_draft(const FieldReader& in) {
  GoalDraft d;
  std::optional<Error> error;
  auto title = in.optional_string("title", limits::long_text);
  if (!title) return std::unexpected(title.error());
  d.title = title->value_or("");
  take(in.optional_string("intent", limits::long_text + 1), d.intent, error);
  take(in.optional_string({"ownerId", "owner_id"}, limits::long_text), d.owner_id, error);
  take(in.optional_string({"ownerName", "owner_name"}, limits::long_text), d.owner_name, error);
  take(in.optional_enum("horizon", horizon_text), d.horizon, error);
  take(in.optional_enum("status", goal_status_text), d.status, error);
  auto tags = in.string_array({"valueTags", "value_tags"}, limits::tags, limits::tag);
  if (tags) d.value_tags = std::move(*tags); else if (!error) error = tags.error();
  take(in.optional_json_object("metadata"), d.metadata_json, error);
  take(in.optional_enum("level", goal_level_text), d.level, error);
  take(in.optional_string({"parentId", "parent_id"}, limits::id), d.parent_id, error);
  take(in.optional_date({"startDate", "start_date"}), d.start_date, error);
  take(in.optional_date({"endDate", "end_date"}), d.end_date, error);
  take(in.optional_number("progress", -huge, huge), d.progress, error);
  return done(error, std::move(d));
}

Result<GoalPatch> read_goal_patch(const FieldReader& in) {
  GoalPatch p;
  std::optional<Error> error;
  take_value(in.patch_string("title", limits::long_text), p.title, in, "title", error);
  take(in.optional_string("intent", limits::long_text + 1), p.intent, error);
  take_value(in.patch_string({"ownerId", "owner_id"}, limits::long_text), p.owner_id, in, {"ownerId", "owner_id"},
             error);
  take(in.optional_string({"ownerName", "owner_name"}, limits::long_text), p.owner_name, error);
  take_value(in.patch_enum("horizon", horizon_text), p.horizon, in, "horizon", error);
  take_value(in.patch_enum("status", goal_status_text), p.status, in, "status", error);
  take(in.optional_string_array({"valueTags", "value_tags"}, limits::tags, limits::tag), p.value_tags, error);
  take_value(in.patch_json_object("metadata"), p.metadata_json, in, "metadata", error);
  take_patch(in.patch_enum("level", goal_level_text), p.level, error);
  take_patch(in.patch_string({"parentId", "parent_id"}, limits::id), p.parent_id, error);
  take_patch(in.patch_date({"startDate", "start_date"}), p.start_date, error);
  take_patch(in.patch_date({"endDate", "end_date"}), p.end_date, error);
  take(in.optional_number("progress", -huge, huge), p.progress, error);
  take(in.optional_int("version", 1, std::numeric_limits<std::int64_t>::max()), p.expected_version, error);
  return done(error, std::move(p));
}

Result<GoalQuery> read_goal_query(const QueryReader& q) {
  GoalQuery query;
  std::optional<Error> error;
  auto page = q.page();
  if (page) query.page = *page; else error = page.error();
  auto sort = q.string("sort", limits::short_text);
  if (!sort) {
    if (!error) error = sort.error();
  } else if (*sort) {
    std::string_view text = **sort;
    bool descending = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
      descending = text.front() == '-';
      text.remove_prefix(1);
    }
    if (const auto colon = text.find(':'); colon != std::string_view::npos) {
      const auto direction = text.substr(colon + 1);
      text = text.substr(0, colon);
      if (direction == "desc") {
        descending = true;
      } else if (direction != "asc") {
        if (!error) error = Error{ErrorCode::validation_error, "sort direction must be asc or desc", "sort"};
      }
    }
    if (auto field = goal_sort_field_text.parse(text)) {
      query.sort = GoalSort{*field, descending};
    } else if (!error) {
      error = Error{ErrorCode::validation_error,
                    "sort must be one of " + goal_sort_field_text.choices() + " (optionally -field or field:desc)",
                    "sort"};
    }
  }
  take(q.string({"ownerId", "owner_id"}, limits::id), query.owner_id, error);
  take(q.enum_value("status", goal_status_text), query.status, error);
  take(q.string({"valueTag", "value_tag"}, limits::tag), query.value_tag, error);
  take(q.enum_value("horizon", horizon_text), query.horizon, error);
  take(q.enum_value("level", goal_level_text), query.level, error);
  take(q.string({"parentId", "parent_id"}, limits::id), query.parent_id, error);
  take(q.string("search", limits::short_text), query.search, error);
  return done(error, std::move(query));
}

Result<std::optional<std::string>> read_reason(const FieldReader& in) {
  return in.optional_string("reason", limits::long_text);
}

Result<StrategyDraft> read_strategy_draft(const FieldReader& in) {
  StrategyDraft d;
  std::optional<Error> error;
  take(in.optional_string("description", limits::long_text + 1), d.description, error);
  take(in.optional_enum("status", strategy_status_text), d.status, error);
  auto order = in.optional_int("order", std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
  if (!order) {
    if (!error) error = order.error();
  } else if (*order) {
    d.order = static_cast<int>(**order);
  }
  return done(error, std::move(d));
}

Result<StrategyPatch> read_strategy_patch(const FieldReader& in) {
  StrategyPatch p;
  std::optional<Error> error;
  take(in.optional_string("description", limits::long_text + 1), p.description, error);
  take(in.optional_enum("status", strategy_status_text), p.status, error);
  auto order = in.optional_int("order", std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
  if (!order) {
    if (!error) error = order.error();
  } else if (*order) {
    p.order = static_cast<int>(**order);
  }
  return done(error, std::move(p));
}

Result<KpiDraft> read_kpi_draft(const FieldReader& in) {
  KpiDraft d;
  std::optional<Error> error;
  take(in.optional_string("name", limits::long_text), d.name, error);
  take(in.optional_string("description", limits::long_text + 1), d.description, error);
  take(in.optional_string("category", limits::long_text), d.category, error);
  take(in.optional_string("unit", limits::long_text), d.unit, error);
  take(in.optional_enum("direction", direction_text), d.direction, error);
  take(in.optional_string("formula", limits::long_text + 1), d.formula, error);
  take(in.optional_bool({"isShared", "is_shared"}), d.is_shared, error);
  take(in.optional_string({"ownerId", "owner_id"}, limits::long_text), d.owner_id, error);
  return done(error, std::move(d));
}

Result<KpiQuery> read_kpi_query(const QueryReader& q) {
  KpiQuery query;
  std::optional<Error> error;
  auto page = q.page();
  if (page) query.page = *page; else error = page.error();
  take(q.string("search", limits::short_text), query.search, error);
  take(q.string("category", limits::short_text), query.category, error);
  take(q.string({"ownerId", "owner_id"}, limits::id), query.owner_id, error);
  return done(error, std::move(query));
}

Result<ReadingDraft> read_reading_draft(const FieldReader& in) {
  ReadingDraft d;
  std::optional<Error> error;
  take(in.optional_year_month("period"), d.period, error);
  take(in.optional_number("value", -huge, huge), d.value, error);
  take(in.optional_number({"adjustedValue", "adjusted_value"}, -huge, huge), d.adjusted_value, error);
  take(in.optional_string("reason", limits::long_text + 1), d.reason, error);
  take(in.optional_bool("replace"), d.replace, error);
  return done(error, std::move(d));
}

Result<ReadingQuery> read_reading_query(const QueryReader& q) {
  ReadingQuery query;
  std::optional<Error> error;
  auto page = q.page();
  if (page) query.page = *page; else error = page.error();
  auto start = q.date({"startDate", "start_date"});
  if (!start) {
    if (!error) error = start.error();
  } else if (*start) {
    query.start = year_month_of(**start);
  }
  auto end = q.date({"endDate", "end_date"});
  if (!end) {
    if (!error) error = end.error();
  } else if (*end) {
    query.end = year_month_of(**end);
  }
  if (!error && query.start && query.end && *query.end < *query.start) {
    error = Error{ErrorCode::validation_error, "endDate must not be before startDate", "endDate"};
  }
  return done(error, std::move(query));
}

Result<KpiLinkDraft> read_link_draft(const FieldReader& in) {
  KpiLinkDraft d;
  std::optional<Error> error;
  take(in.optional_string({"kpiId", "kpi_id", "sharedKpiId", "shared_kpi_id"}, limits::long_text), d.kpi_id, error);
  take(in.optional_number({"thresholdPct", "threshold_pct", "threshold"}, -huge, huge), d.threshold_pct, error);
  take(in.optional_number("weight", -huge, huge), d.weight, error);
  take(in.optional_number({"target", "targetValue", "target_value"}, -huge, huge), d.target, error);
  return done(error, std::move(d));
}

Result<KpiLinkPatch> read_link_patch(const FieldReader& in) {
  KpiLinkPatch p;
  std::optional<Error> error;
  take(in.optional_number({"thresholdPct", "threshold_pct", "threshold"}, -huge, huge), p.threshold_pct, error);
  take(in.optional_number("weight", -huge, huge), p.weight, error);
  take_patch(in.patch_number({"target", "targetValue", "target_value"}, -huge, huge), p.target, error);
  return done(error, std::move(p));
}

Result<ActivityDraft> read_activity_draft(const FieldReader& in) {
  ActivityDraft d;
  std::optional<Error> error;
  take(in.optional_enum("type", activity_type_text), d.type, error);
  take(in.optional_string("text", limits::long_text + 1), d.text, error);
  take(in.optional_string("title", limits::long_text), d.title, error);
  take(in.optional_string("url", limits::long_text), d.url, error);
  take(in.optional_json_object("metadata"), d.metadata_json, error);
  return done(error, std::move(d));
}

Result<NoteDraft> read_note_draft(const FieldReader& in) {
  NoteDraft d;
  std::optional<Error> error;
  take(in.optional_string({"note", "text"}, limits::long_text + 1), d.note, error);
  if (const auto* attachments = in.find("attachments"); attachments && !attachments->is_null()) {
    if (!attachments->is_array()) {
      if (!error) error = Error{ErrorCode::validation_error, "attachments must be an array", "attachments"};
    } else {
      d.attachments_json = boost::json::serialize(*attachments);
    }
  }
  return done(error, std::move(d));
}

Result<ActivityQuery> read_activity_query(const QueryReader& q) {
  ActivityQuery query;
  std::optional<Error> error;
  auto page = q.page();
  if (page) query.page = *page; else error = page.error();
  take(q.enum_value("type", activity_type_text), query.type, error);
  return done(error, std::move(query));
}

}  // namespace traction::http
