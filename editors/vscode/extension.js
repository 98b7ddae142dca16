// The client side of the govrules language server: start `govrules lsp` over stdio
// for .gov files, and watch the files whose changes alter the model.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("govrules");
  const [command, ...args] = config.get("command", ["govrules", "lsp"]);
  const options = {};
  const lang = config.get("lang", "");
  if (lang) options.lang = lang;
  const docsUrl = config.get("docsUrl", "");
  if (docsUrl) options.docsUrl = docsUrl;

  client = new LanguageClient(
    "govrules",
    "govrules",
    { command, args, transport: TransportKind.stdio },
    {
      documentSelector: [{ scheme: "file", language: "govrules" }],
      initializationOptions: options,
      synchronize: {
        fileEvents: vscode.workspace.createFileSystemWatcher(
          "**/{*.gov,*.rules,govrules.toml,pyproject.toml}"
        ),
      },
    }
  );
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
