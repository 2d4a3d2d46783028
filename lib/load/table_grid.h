// Table grids: how a loader describes a table (rows of cells as the format
// writes them, with spans and header marks), and the one rule that places
// the cells on a grid and gives each its row and column header.
//
// Header rules, in order:
// - Column headers: the leading rows whose cells are all header cells
//   (`<th>`, a Markdown table's head, a Word row marked as a header); when
//   the table marks no header cell at all, its first row (a table's usual
//   layout). A body cell's column header is the header cell lowest above it
//   in its column; a spanning header covers every column it spans.
// - Row headers: header cells in body rows (`<th scope=row>` or a bare
//   `<th>`); when no body cell is marked, the first column. A cell's row
//   header is the nearest row-header cell to its left in its grid row, so a
//   row header spanning rows names each of them.
// Spans are bounded (kMaxSpan columns, the rows left in the table) so a
// hostile `colspan` cannot make the grid large.
#ifndef CLAIMTRACE_LOAD_TABLE_GRID_H_
#define CLAIMTRACE_LOAD_TABLE_GRID_H_

#include <string_view>
#include <vector>

#include "claimtrace/document.h"

namespace claimtrace {

struct RawCell {
  Range range;  // the cell's text in the document's text()
  int row_span = 1;
  int column_span = 1;
  bool header = false;
  enum class Scope { kAuto, kRow, kColumn } scope = Scope::kAuto;
};

struct RawTable {
  std::vector<std::vector<RawCell>> rows;  // in the order the format writes them
  Range caption;  // empty: the builder looks for one before the table
};

// The largest column span honoured.
constexpr int kMaxSpan = 1000;

// Places `raw`'s cells on a grid and resolves their headers. Appends the
// cells to `cells` with `table` as their table index, and returns the grid's
// size in `rows` and `columns`.
void ResolveTable(const RawTable& raw, int table, std::vector<TableCell>* cells,
                  int* rows, int* columns);

}  // namespace claimtrace

#endif  // CLAIMTRACE_LOAD_TABLE_GRID_H_
