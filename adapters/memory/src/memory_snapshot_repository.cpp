#include "traction/memory/memory_snapshot_repository.hpp"

#include <algorithm>
#include <iterator>
#include <span>

namespace traction::memory {
namespace {

bool earlier(const ProgressSnapshot& a, const ProgressSnapshot& b) { return a.at < b.at; }
bool before(const ProgressSnapshot& s, Timestamp t) { return s.at < t; }
bool after(Timestamp t, const ProgressSnapshot& s) { return t < s.at; }

// The last row of each day in `rows` (in time order) from `from` on: a binary search per
// day, so a day with thousands of rows costs as much as a day with one.
std::vector<ProgressPoint> last_of_each_day(std::span<const ProgressSnapshot> rows, Timestamp from) {
  std::vector<ProgressPoint> out;
  auto it = std::lower_bound(rows.begin(), rows.end(), from, before);
  if (it == rows.end()) return out;
  out.reserve(static_cast<std::size_t>((date_of(rows.back().at) - date_of(it->at)).count()) + 1);
  while (it != rows.end()) {
    const auto next_day = start_of(date_of(it->at) + std::chrono::days(1));
    it = std::lower_bound(it, rows.end(), next_day, before);
    const auto& last = *std::prev(it);
    out.push_back(ProgressPoint{last.at, last.progress});
  }
  return out;
}

}  // namespace

Status MemorySnapshotRepository::append(const ProgressSnapshot& snapshot) {
  if (auto ok = tx_.check_writable(); !ok) return ok;
  auto& state = tx_.tenant_for_write(snapshot.tenant);
  // Kept in time order (equal times in append order): appends are almost always the newest,
  // so this is a push_back, and reads neither check nor sort.
  auto& rows = entry_for_write(tx_, state.snapshots, snapshot.goal_id);
  const auto index = std::upper_bound(rows.begin(), rows.end(), snapshot, earlier) - rows.begin();
  tx_.apply([&] { rows.insert(rows.begin() + index, snapshot); },
            [&rows, index] { rows.erase(rows.begin() + index); });
  return {};
}

Result<std::vector<ProgressSnapshot>> MemorySnapshotRepository::list(
    std::string_view tenant, std::string_view goal_id, std::optional<Timestamp> from,
    std::optional<Timestamp> to) {
  const auto* rows = find_row(tx_, &TenantState::snapshots, tenant, goal_id);
  if (rows == nullptr) return std::vector<ProgressSnapshot>{};
  const auto first = from ? std::lower_bound(rows->begin(), rows->end(), *from, before) : rows->begin();
  const auto last = to ? std::upper_bound(first, rows->end(), *to, after) : rows->end();
  return std::vector<ProgressSnapshot>(first, last);
}

Result<std::vector<ProgressPoint>> MemorySnapshotRepository::last_of_each_day(std::string_view tenant,
                                                                              std::string_view goal_id,
                                                                              Timestamp from) {
  const auto* rows = find_row(tx_, &TenantState::snapshots, tenant, goal_id);
  if (rows == nullptr) return std::vector<ProgressPoint>{};
  return memory::last_of_each_day(*rows, from);
}

}  // namespace traction::memory
