"""Give one DataTable column whatever width the others leave free."""

from __future__ import annotations

from textual.widgets import DataTable


def fit_flexible_column(table: DataTable[object], flexible_key: str, minimum: int = 12) -> None:
    """Size column `flexible_key` so the table fills its width without a horizontal scroll.

    The other columns keep their content width; the flexible one takes the rest (at
    least `minimum` cells), and its long cells are cropped rather than pushing the
    columns after it out of sight.
    """
    width = table.scrollable_content_region.width
    if width <= 0:
        return
    padding = 2 * table.cell_padding
    others = sum(column.get_render_width(table) for key, column in table.columns.items()
                 if key.value != flexible_key)
    target = max(minimum, width - others - padding)
    for key, column in table.columns.items():
        if key.value == flexible_key and (column.width != target or column.auto_width):
            column.auto_width = False
            column.width = target
            table.refresh(layout=True)
            table._require_update_dimensions = True
