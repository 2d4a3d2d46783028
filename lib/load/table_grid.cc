// ResolveTable(): the grid placement of HTML's table model (a cell takes the
// first free slot of its row; spans reserve slots in the rows below) and the
// header rules described in table_grid.h.
#include "load/table_grid.h"

#include <algorithm>

namespace claimtrace {
namespace {

// Grid slots a table may reserve through its spans.
constexpr size_t kMaxSlots = 1 << 22;

}  // namespace

void ResolveTable(const RawTable& raw, int table, std::vector<TableCell>* cells,
                  int* rows, int* columns) {
  const int n_rows = static_cast<int>(raw.rows.size());
  // slot[r][c]: index into `placed` of the cell occupying it, or -1.
  std::vector<std::vector<int>> slot(n_rows);
  struct Placed {
    const RawCell* raw;
    int row, column;
  };
  std::vector<Placed> placed;
  int width = 0;
  size_t slots = 0;
  auto at = [&](int r, int c) {
    return c < static_cast<int>(slot[r].size()) ? slot[r][c] : -1;
  };
  for (int r = 0; r < n_rows; ++r) {
    int c = 0;
    for (const RawCell& cell : raw.rows[r]) {
      while (c < static_cast<int>(slot[r].size()) && slot[r][c] >= 0) ++c;
      int row_span = std::clamp(cell.row_span, 1, n_rows - r);
      int column_span = std::clamp(cell.column_span, 1, kMaxSpan);
      // Past the slot budget, spans are ignored: the grid stays linear in
      // the number of cells whatever the spans claim.
      size_t area = static_cast<size_t>(row_span) * column_span;
      if (slots + area > kMaxSlots) row_span = column_span = 1, area = 1;
      slots += area;
      int id = static_cast<int>(placed.size());
      placed.push_back({&cell, r, c});
      for (int rr = r; rr < r + row_span; ++rr) {
        if (static_cast<int>(slot[rr].size()) < c + column_span)
          slot[rr].resize(c + column_span, -1);
        for (int cc = c; cc < c + column_span; ++cc) slot[rr][cc] = id;
      }
      c += column_span;
    }
    width = std::max(width, static_cast<int>(slot[r].size()));
  }

  // Header rows: leading rows of header cells (not row headers).
  bool any_header = false;
  for (const Placed& p : placed) any_header |= p.raw->header;
  int head_rows = 0;
  if (any_header) {
    while (head_rows < n_rows) {
      bool all = !raw.rows[head_rows].empty();
      for (const RawCell& cell : raw.rows[head_rows])
        all &= cell.header && cell.scope != RawCell::Scope::kRow;
      if (!all) break;
      ++head_rows;
    }
  } else if (n_rows >= 2) {
    head_rows = 1;
  }
  // Row-header cells: marked header cells in body rows, else column 0.
  bool marked_row_headers = false;
  for (const Placed& p : placed)
    marked_row_headers |= p.row >= head_rows && p.raw->header;
  auto is_row_header = [&](int id) {
    const Placed& p = placed[id];
    if (p.row < head_rows) return false;
    return marked_row_headers ? p.raw->header : (p.column == 0 && width >= 2);
  };

  for (int id = 0; id < static_cast<int>(placed.size()); ++id) {
    const Placed& p = placed[id];
    TableCell cell;
    cell.range = p.raw->range;
    cell.table = table;
    cell.row = p.row;
    cell.column = p.column;
    cell.names_row = is_row_header(id);
    cell.header = p.row < head_rows || cell.names_row;
    // Column header: the lowest header-row cell above, in this column.
    for (int r = std::min(p.row, head_rows) - 1; r >= 0; --r) {
      int h = at(r, p.column);
      if (h >= 0 && h != id && !placed[h].raw->range.empty()) {
        cell.column_header = placed[h].raw->range;
        break;
      }
    }
    // Row header: the nearest row-header cell to the left in this grid row.
    for (int c = p.column - 1; c >= 0 && p.row >= head_rows; --c) {
      int h = at(p.row, c);
      if (h >= 0 && h != id && is_row_header(h) && !placed[h].raw->range.empty()) {
        cell.row_header = placed[h].raw->range;
        break;
      }
    }
    cells->push_back(cell);
  }
  *rows = n_rows;
  *columns = width;
}

}  // namespace claimtrace
