"""``govrules lsp``: a language server for ``.gov`` files (pygls, over stdio).

The server keeps the workspace as one model in memory (:mod:`.state`), lints
it with the library's lint use case (:func:`govrules.workspace.lint_workspace`)
and publishes diagnostics in the client's position units (:mod:`.positions`,
:mod:`.diagnostics`). The editor features live one per module in
:mod:`.features`; :mod:`.server` wires the messages to them. Install with
``pip install 'govrules[lsp]'``; editor set-ups are in ``docs/editors.md``.
"""
