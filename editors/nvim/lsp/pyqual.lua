-- pyqual's language server for Neovim 0.11+:
--
--   vim.lsp.config('pyqual', { init_options = { profile = 'pylint' } })  -- optional overrides
--   vim.lsp.enable('pyqual')
--
-- Diagnostics with pylint's ids, the score after each save
-- (`pyqual/qualityScore`), quick fixes, `source.fixAll.pyqual` and inline
-- completions. `require('pyqual').setup()` adds the statusline component,
-- score notifications, inline completion and the :Pyqual* commands; without
-- it the server still works as a plain LSP server.

local function plugin()
  local ok, pyqual = pcall(require, 'pyqual')
  return ok and pyqual or nil
end

---@type vim.lsp.Config
return {
  cmd = { 'pyqual', 'serve' },
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', 'setup.cfg', '.pylintrc', 'pylintrc', '.git' },
  -- The server's settings (src/server/settings.rs); a key left out keeps the
  -- server's default. Also accepted later through workspace/didChangeConfiguration.
  init_options = {
    profile = 'paper', -- 'paper' | 'paper-strict' | 'pylint'
    debounceMs = 150, -- delay before re-linting after a change
    diagnosticMode = 'push', -- 'push' | 'pull'
    completions = true, -- inline completions on/off
    model = vim.NIL, -- a model under models/ (e.g. 'smollm2-135m-instruct') or a GGUF path; nil = default
    prefix = vim.NIL, -- quality prefix file; nil = the model's own
    prefixEnabled = true, -- steer completions with the quality prefix
    maxTokens = 64,
    device = 'cpu',
    eventsFile = vim.NIL, -- JSON Lines file for completion events (shown/accepted/rejected/ignored)
  },
  handlers = {
    -- Sent after every save: { uri, version, score, previousScore, statements, counts }.
    ['pyqual/qualityScore'] = function(err, result, ctx)
      local pyqual = plugin()
      if pyqual and not err and result then
        pyqual.on_quality_score(result, ctx)
      end
    end,
  },
  commands = {
    -- Run by Neovim after it inserts one of pyqual's inline completions; the
    -- server records the acceptance. Forwarded as workspace/executeCommand.
    ['pyqual.acceptCompletion'] = function(command, ctx)
      local pyqual = plugin()
      if pyqual then
        pyqual.on_accept(command, ctx)
      end
      local client = vim.lsp.get_client_by_id(ctx.client_id)
      if client then
        client:request(
          'workspace/executeCommand',
          { command = command.command, arguments = command.arguments },
          function() end,
          ctx.bufnr
        )
      end
    end,
  },
}
