// traction-seed: writes the benchmark data set (bench/support/seed.hpp) into a SQLite file
// through the SQLite store, and the ids the load scenarios pick from into text files.
//
//   traction-seed --db bench.db [--out DIR] [--today YYYY-MM-DD] [--roots N]
//                 [--fanout 9,10,10] [--history N] [--kpis N] [--readings N] [--issues N]
//                 [--force]
#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "seed.hpp"
#include "traction/sqlite/sqlite_store.hpp"

namespace {

using traction::bench::SeedSpec;

const char* usage =
    "usage: traction-seed --db PATH [--out DIR] [--today YYYY-MM-DD] [--roots N]\n"
    "                     [--fanout A,B,C] [--history N] [--kpis N] [--readings N]\n"
    "                     [--issues N] [--force]\n"
    "Defaults: 10 roots, fanout 9,10,10 (10 000 goals, depth 4), 100 snapshots per goal,\n"
    "1000 KPIs with 12 readings each, 50 000 issues, today 2025-06-01, out = the db's folder.\n";

bool to_int(std::string_view text, int& out) {
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, out);
  return !text.empty() && ec == std::errc{} && ptr == end && out >= 0;
}

bool write_lines(const std::filesystem::path& path, const std::vector<std::string>& lines) {
  std::ofstream out(path);
  for (const auto& line : lines) out << line << '\n';
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  SeedSpec spec;
  std::string db;
  std::string out_dir;
  bool force = false;
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const auto arg = args[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(usage, stdout);
      return 0;
    }
    if (arg == "--force") {
      force = true;
      continue;
    }
    if (i + 1 >= args.size()) {
      std::fprintf(stderr, "traction-seed: %.*s needs a value\n%s", static_cast<int>(arg.size()), arg.data(), usage);
      return 2;
    }
    const auto value = args[++i];
    bool ok = true;
    if (arg == "--db") {
      db = std::string(value);
    } else if (arg == "--out") {
      out_dir = std::string(value);
    } else if (arg == "--today") {
      const auto date = traction::parse_date(value);
      ok = date.has_value();
      if (ok) spec.today = *date;
    } else if (arg == "--roots") {
      ok = to_int(value, spec.roots);
    } else if (arg == "--history") {
      ok = to_int(value, spec.history_points);
    } else if (arg == "--kpis") {
      ok = to_int(value, spec.kpis);
    } else if (arg == "--readings") {
      ok = to_int(value, spec.readings_per_kpi);
    } else if (arg == "--issues") {
      ok = to_int(value, spec.issues);
    } else if (arg == "--fanout") {
      spec.fanout.clear();
      std::string_view rest = value;
      while (ok && !rest.empty()) {
        const auto comma = rest.find(',');
        int n = 0;
        ok = to_int(rest.substr(0, comma), n) && n > 0;
        spec.fanout.push_back(n);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      }
    } else {
      ok = false;
    }
    if (!ok) {
      std::fprintf(stderr, "traction-seed: bad option %.*s %.*s\n%s", static_cast<int>(arg.size()),
                   arg.data(), static_cast<int>(value.size()), value.data(), usage);
      return 2;
    }
  }
  if (db.empty()) {
    std::fputs(usage, stderr);
    return 2;
  }
  namespace fs = std::filesystem;
  if (fs::exists(db)) {
    if (!force) {
      std::fprintf(stderr, "traction-seed: %s exists (use --force to replace it)\n", db.c_str());
      return 1;
    }
    for (const auto* suffix : {"", "-wal", "-shm"}) fs::remove(db + suffix);
  }
  if (out_dir.empty()) out_dir = fs::absolute(db).parent_path().string();
  fs::create_directories(out_dir);

  // Seeding is a bulk load: durability per transaction buys nothing here.
  traction::sqlite::SqliteOptions options;
  options.path = db;
  options.synchronous = traction::sqlite::Synchronous::off;
  auto store = traction::sqlite::SqliteStore::open(options);
  if (!store) {
    std::fprintf(stderr, "traction-seed: %s\n", store.error().message.c_str());
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  auto result = traction::bench::seed_store(**store, spec, [](std::string_view stage, std::int64_t done) {
    std::fprintf(stderr, "\r  %.*s: %lld      ", static_cast<int>(stage.size()), stage.data(),
                 static_cast<long long>(done));
  });
  std::fputc('\n', stderr);
  if (!result) {
    std::fprintf(stderr, "traction-seed: %s\n", result.error().message.c_str());
    return 1;
  }
  store->reset();
  const auto seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();

  const fs::path out{out_dir};
  if (!write_lines(out / "goal_ids.txt", result->goal_ids) ||
      !write_lines(out / "leaf_ids.txt", result->leaf_ids) ||
      !write_lines(out / "draft_leaf_ids.txt", result->draft_leaf_ids) ||
      !write_lines(out / "kpi_ids.txt", result->kpi_ids)) {
    std::fprintf(stderr, "traction-seed: cannot write the id lists to %s\n", out_dir.c_str());
    return 1;
  }
  std::printf(
      "seeded %s in %.1f s: tenant %s, %zu goals (%zu leaves, %zu draft leaves), %lld snapshots, "
      "%zu KPIs, %lld readings, %lld issues; id lists in %s\n",
      db.c_str(), seconds, spec.tenant.c_str(), result->goal_ids.size(), result->leaf_ids.size(),
      result->draft_leaf_ids.size(), static_cast<long long>(result->snapshots), result->kpi_ids.size(),
      static_cast<long long>(result->readings), static_cast<long long>(result->issues), out_dir.c_str());
  return 0;
}
