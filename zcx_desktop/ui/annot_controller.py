"""The annotations area's state on the GUI side: the store, an ordered op lane, layers, current layer.

Every store call runs off the GUI thread through `OpLane`, one op at a time and in the
order submitted (a note save queued before an undo is written first). The store's
ChangeSets (sent from worker threads) are re-emitted on the GUI thread as `changed`.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from zcx_desktop.core.annotations import ChangeSet, Layer, annotation_store

log = logging.getLogger("zcx.ui.annotations")


class OpLane(QObject):
    """Runs store ops through the window's runner strictly one after another.

    Signals:
        idle(): the queue became empty (tests and shutdown wait on it).
    """

    idle = Signal()

    def __init__(self, runner: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.queue: deque[tuple[Callable[[Any], Any], Callable[[Any], None] | None]] = deque()
        self.busy = False

    def submit(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None] | None = None) -> None:
        """Queue `fn(store)`; `on_done(result)` runs on the GUI thread."""
        self.queue.append((fn, on_done))
        if not self.busy:
            self._next()

    def is_idle(self) -> bool:
        return not self.busy and not self.queue

    def _next(self) -> None:
        if not self.queue:
            self.busy = False
            self.idle.emit()
            return
        self.busy = True
        fn, on_done = self.queue.popleft()

        def run(library: Any, _job: Any) -> Any:
            return fn(annotation_store(library))

        def done(result: Any) -> None:
            try:
                if on_done is not None:
                    on_done(result)
            finally:
                self._next()

        def failed(failure: Any) -> None:
            try:
                self.runner.error_handler(failure)
            finally:
                self._next()

        self.runner.run(run, on_done=done, on_failed=failed, writes=True, label="annotations")


class ChangeBridge(QObject):
    """Store listener that re-emits each ChangeSet on the GUI thread."""

    changed = Signal(object)

    def __call__(self, change: ChangeSet) -> None:
        self.changed.emit(change)


class AnnotationController(QObject):
    """Shared annotation state of one main window.

    Signals:
        changed(ChangeSet): something in the store changed (GUI thread).
        layers_loaded(): `layers` / `counts` were refreshed.
        current_layer_changed(int): the layer new highlights go to.
        annotation_selected(object): an Annotation was picked (reader click, sidebar, browser).
    """

    changed = Signal(object)
    layers_loaded = Signal()
    current_layer_changed = Signal(int)
    annotation_selected = Signal(object)

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self.window_ = window
        self.store = annotation_store(window.library)
        self.lane = OpLane(window.runner, self)
        self.bridge = ChangeBridge(self)
        self.bridge.changed.connect(self._store_changed)
        self.store.add_listener(self.bridge)
        self.layers: list[Layer] = []
        self.counts: dict[int, int] = {}
        self.current_layer_id: int | None = None
        self.reload_layers()

    def shutdown(self) -> None:
        self.store.remove_listener(self.bridge)

    # -- layers ------------------------------------------------------------------
    def reload_layers(self) -> None:
        self.lane.submit(lambda store: (store.layers(), store.layer_counts()), self._layers_loaded)

    def _layers_loaded(self, result: tuple[list[Layer], dict[int, int]]) -> None:
        self.layers, self.counts = result
        ids = [layer.id for layer in self.layers]
        if self.current_layer_id not in ids:
            self.set_current_layer(ids[0] if ids else None)
        self.layers_loaded.emit()

    def layer(self, layer_id: int | None) -> Layer | None:
        return next((layer for layer in self.layers if layer.id == layer_id), None)

    def set_current_layer(self, layer_id: int | None) -> None:
        if layer_id == self.current_layer_id:
            return
        self.current_layer_id = layer_id
        self.current_layer_changed.emit(layer_id if layer_id is not None else -1)

    # -- mutations -------------------------------------------------------------------
    def annotate(self, doc_id: int, start: int, end: int, on_done: Callable[[ChangeSet], None] | None = None,
                 **options: Any) -> None:
        """Create an annotation in the current layer (unless `layer_id` is given)."""
        options.setdefault("layer_id", self.current_layer_id)
        self.lane.submit(lambda store: store.annotate(doc_id, start, end, **options), on_done)

    def update(self, ann_id: str, **fields: Any) -> None:
        self.lane.submit(lambda store: store.update(ann_id, **fields))

    def save_note(self, ann_id: str, note: str) -> None:
        self.lane.submit(lambda store: store.set_note(ann_id, note))

    def delete(self, ann_ids: list[str]) -> None:
        self.lane.submit(lambda store: store.delete(ann_ids))

    def reattach(self, ann_id: str, start: int, end: int, doc_id: int) -> None:
        self.lane.submit(lambda store: store.reattach(ann_id, start, end, doc_id))

    def confirm(self, ann_id: str) -> None:
        self.lane.submit(lambda store: store.confirm(ann_id))

    def undo(self) -> None:
        self.lane.submit(lambda store: store.undo(), lambda change: self._report_history(change, "annot.nothing_to_undo"))

    def redo(self) -> None:
        self.lane.submit(lambda store: store.redo(), lambda change: self._report_history(change, "annot.nothing_to_redo"))

    def layer_op(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None] | None = None) -> None:
        """Run a layer operation (create/rename/recolour/...) and reload the layer list."""
        self.lane.submit(fn, on_done)

    def _report_history(self, change: ChangeSet | None, empty_key: str) -> None:
        from zcx_desktop.ui.i18n import tr

        text = change.label if change is not None else tr(empty_key)
        self.window_.statusBar().showMessage(text, 4000)

    def _store_changed(self, change: ChangeSet) -> None:
        if change.layers_changed or change.created or change.deleted or change.updated:
            self.reload_layers()
        self.changed.emit(change)
