#include "traction/domain/event.hpp"

namespace traction {
namespace {

struct TypeName {
  std::string_view operator()(const ActivityCreated& e) const {
    switch (e.activity_type) {
      case ActivityType::decision: return "decision.created";
      case ActivityType::attachment: return "attachment.created";
      case ActivityType::weekly_review:
      case ActivityType::note:
      case ActivityType::system: return "activity.created";
    }
    return "activity.created";
  }
  std::string_view operator()(const KpiReadingCreated&) const { return "kpi.reading.created"; }
  std::string_view operator()(const ProgressChanged&) const { return "goal.progress.changed"; }
  std::string_view operator()(const HealthChanged&) const { return "goal.health.changed"; }
};

}  // namespace

std::string_view DomainEvent::type() const { return std::visit(TypeName{}, payload); }

}  // namespace traction
