#include "traction/memory/memory_snapshot_repository.hpp"

#include <algorithm>

namespace traction::memory {

Status MemorySnapshotRepository::append(const ProgressSnapshot& snapshot) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(snapshot.tenant);
  append_row(tx_, entry_for_write(tx_, state.snapshots, snapshot.goal_id), snapshot);
  return {};
}

Result<std::vector<ProgressSnapshot>> MemorySnapshotRepository::list(
    std::string_view tenant, std::string_view goal_id, std::optional<Timestamp> from,
    std::optional<Timestamp> to) {
  std::vector<ProgressSnapshot> out;
  const auto* rows = find_row(tx_, &TenantState::snapshots, tenant, goal_id);
  if (rows == nullptr) return out;
  for (const auto& snapshot : *rows) {
    if (from && snapshot.at < *from) continue;
    if (to && snapshot.at > *to) continue;
    out.push_back(snapshot);
  }
  // Rows are appended in time order almost always: sorting them anyway (a merge sort with
  // a buffer as large as the history) was most of a forecast's read.
  const auto by_time = [](const ProgressSnapshot& a, const ProgressSnapshot& b) { return a.at < b.at; };
  if (!std::is_sorted(out.begin(), out.end(), by_time)) std::stable_sort(out.begin(), out.end(), by_time);
  return out;
}

}  // namespace traction::memory
