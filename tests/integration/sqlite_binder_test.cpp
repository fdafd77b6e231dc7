// Binder::text (sql.hpp): a named std::string is bound where it is, without a copy — the
// statement reads it when it runs — while a view or a temporary string is copied at once,
// so it may end before the statement runs. (Were a temporary bound in place, the statement
// would read freed memory: the sanitizer build of the test command reports it.)
#include <SQLiteCpp/SQLiteCpp.h>

#include <catch2/catch.hpp>
#include <string>
#include <string_view>

#include "sql.hpp"
#include "sqlite_test_support.hpp"

namespace traction::sqlite::test {
namespace {

struct Table {
  explicit Table(const std::string& path) : db(open_like_the_store(path)) {
    db.exec("CREATE TABLE texts (n INTEGER PRIMARY KEY, value TEXT NOT NULL)");
  }
  std::string stored(int n) {
    SQLite::Statement q(db, "SELECT value FROM texts WHERE n = ?");
    q.bind(1, n);
    REQUIRE(q.executeStep());
    return q.getColumn(0).getString();
  }
  SQLite::Database db;
};

// Longer than any small-string buffer: its bytes live on the heap.
std::string long_text(char c) { return std::string(200, c); }

TEST_CASE("sqlite binder: a named string is read when the statement runs, not copied") {
  TempDatabase file;
  Table t(file.path());
  SQLite::Statement insert(t.db, "INSERT INTO texts (n, value) VALUES (?, ?)");
  std::string value = long_text('a');
  Binder(insert).i64(1).text(value);
  value.assign(200, 'b');  // same size, same buffer: the statement sees the new bytes
  insert.exec();
  CHECK(t.stored(1) == long_text('b'));
}

TEST_CASE("sqlite binder: a temporary string and a view are copied when bound") {
  TempDatabase file;
  Table t(file.path());
  SQLite::Statement insert(t.db, "INSERT INTO texts (n, value) VALUES (?, ?)");
  Binder(insert).i64(1).text(long_text('c'));  // the temporary ends here
  insert.exec();
  insert.reset();
  {
    std::string source = long_text('d');
    Binder(insert).i64(2).text(std::string_view(source));
    source.assign(200, 'e');
  }
  insert.exec();
  CHECK(t.stored(1) == long_text('c'));
  CHECK(t.stored(2) == long_text('d'));
}

}  // namespace
}  // namespace traction::sqlite::test
