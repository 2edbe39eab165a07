// The lawcmp extension: starts `lawcmp lsp` over stdio for .law and .rules files.
// Everything the editor shows beyond colours comes from the server (docs/editors.md).
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("lawcmp");
  const folder = vscode.workspace.workspaceFolders ? vscode.workspace.workspaceFolders[0].uri.fsPath : undefined;
  const server = {
    command: config.get("server.command", "lawcmp"),
    args: ["lsp", ...config.get("server.args", [])],
    transport: TransportKind.stdio,
    // Diagnostics name files relative to the working directory, as `lawcmp check` does.
    options: folder ? { cwd: folder } : {},
  };
  const documents = {
    documentSelector: [
      { scheme: "file", language: "lawcmp-law" },
      { scheme: "file", language: "lawcmp-rules" },
    ],
  };
  client = new LanguageClient("lawcmp", "lawcmp", server, documents);
  context.subscriptions.push(client);
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
