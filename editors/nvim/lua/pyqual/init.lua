-- pyqual for Neovim: the score per buffer (statusline, notifications),
-- inline completions with pyqual's show/accept/reject events, and the
-- :PyqualFixAll / :PyqualScore commands. The server's config is lsp/pyqual.lua.

local M = {}

local api = vim.api
local NAME = 'pyqual'
local ACCEPT = 'pyqual.acceptCompletion'
local INLINE = 'textDocument/inlineCompletion'

---@class pyqual.Options
M.defaults = {
  -- Call vim.lsp.enable('pyqual') (set false if you enable it yourself).
  enable = true,
  -- Passed to vim.lsp.config('pyqual', ...) before enabling: cmd, init_options, ...
  lsp = nil,
  -- vim.notify the score after a save when it changed (and after the first save).
  notify = true,
  -- vim.lsp.inline_completion for pyqual buffers (Neovim 0.12+).
  inline_completion = true,
  -- Buffer-local insert-mode keys; false to leave a key alone.
  keys = {
    accept = '<Tab>', -- accept the shown completion, else the key itself
    dismiss = '<C-]>', -- reject the shown completion, else the key itself
  },
}

M.options = vim.deepcopy(M.defaults)

--- The latest score per buffer: { score, previous, statements, counts, version }.
---@type table<integer, table>
M.scores = {}

--- Per buffer, the pyqual completion currently shown: { client_id, argument }.
---@type table<integer, table>
local shown = {}

--- Counters the end-to-end test reads (inline requests sent, replies, error replies, replies
--- with no item, show/accept/reject sent).
M.stats = { requests = 0, replies = 0, errors = 0, empty_replies = 0, shown = 0, accepted = 0, rejected = 0 }

local function buf_of(uri)
  local ok, bufnr = pcall(vim.uri_to_bufnr, uri)
  return ok and bufnr or nil
end

local function format_score(entry)
  local text = ('pylint %.2f'):format(entry.score)
  local previous = entry.previous
  if previous and vim.NIL ~= previous then
    local delta = entry.score - previous
    if delta >= 0.005 then
      text = text .. (' ↑%.2f'):format(delta)
    elseif delta <= -0.005 then
      text = text .. (' ↓%.2f'):format(-delta)
    end
  end
  return text
end

--- Statusline component: "pylint 8.50 ↑0.50" for the buffer (default: current), '' before the first save.
---@param bufnr? integer
---@return string
function M.statusline(bufnr)
  local entry = M.scores[bufnr or api.nvim_get_current_buf()]
  return entry and format_score(entry) or ''
end

--- Handler of `pyqual/qualityScore` (wired in lsp/pyqual.lua).
function M.on_quality_score(result, ctx)
  local bufnr = buf_of(result.uri)
  if not bufnr then
    return
  end
  local previous = result.previousScore
  if previous == vim.NIL then
    previous = nil
  end
  local entry = {
    score = result.score,
    previous = previous,
    statements = result.statements,
    counts = result.counts,
    version = result.version,
    client_id = ctx and ctx.client_id,
  }
  M.scores[bufnr] = entry
  if M.options.notify and (previous == nil or math.abs(result.score - previous) >= 0.005) then
    local name = vim.fn.fnamemodify(api.nvim_buf_get_name(bufnr), ':t')
    vim.notify(('%s: %s'):format(name, format_score(entry)), vim.log.levels.INFO, { title = 'pyqual' })
  end
  api.nvim_exec_autocmds('User', { pattern = 'PyqualScore', data = { bufnr = bufnr, score = entry }, modeline = false })
  vim.schedule(function()
    pcall(vim.cmd.redrawstatus)
  end)
end

-- Inline completions -------------------------------------------------------

local function inline_namespace()
  return api.nvim_get_namespaces()['nvim.lsp.inline_completion']
end

--- Whether Neovim's inline completion is drawing something in the buffer.
local function drawn(bufnr)
  local ns = inline_namespace()
  if not ns or not api.nvim_buf_is_valid(bufnr) then
    return false
  end
  return #api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, { limit = 1 }) > 0
end

--- The completion shown in `bufnr`, if any ({ client_id, argument }).
function M.shown(bufnr)
  return shown[bufnr or api.nvim_get_current_buf()]
end

--- Called (from lsp/pyqual.lua) when Neovim runs an item's accept command.
function M.on_accept(command, ctx)
  shown[ctx.bufnr] = nil
  M.stats.accepted = M.stats.accepted + 1
end

--- Rejects the completion shown in `bufnr` (sends pyqual/didRejectCompletion). Returns true if there was one.
---@param bufnr? integer
---@return boolean
function M.reject(bufnr)
  bufnr = bufnr or api.nvim_get_current_buf()
  local current = shown[bufnr]
  if not current then
    return false
  end
  shown[bufnr] = nil
  local client = vim.lsp.get_client_by_id(current.client_id)
  if client then
    client:notify('pyqual/didRejectCompletion', current.argument)
    M.stats.rejected = M.stats.rejected + 1
  end
  return true
end

--- Rejects and hides the shown completion. Returns true if there was one.
function M.dismiss(bufnr)
  bufnr = bufnr or api.nvim_get_current_buf()
  if not M.reject(bufnr) then
    return false
  end
  -- Neovim 0.12 has no public "hide"; its capability object has abort().
  local ok, capability = pcall(require, 'vim.lsp._capability')
  local completor = ok and capability.all and capability.all.inline_completion
  completor = completor and completor.active and completor.active[bufnr]
  if completor and completor.abort then
    completor:abort()
  elseif inline_namespace() then
    api.nvim_buf_clear_namespace(bufnr, inline_namespace(), 0, -1)
  end
  return true
end

--- Wraps the client's request() so each inline-completion reply that Neovim
--- draws is reported with pyqual/didShowCompletion (0.12 has no event for it).
local function watch_client(client)
  if client._pyqual_watched then
    return
  end
  client._pyqual_watched = true
  local request = client.request
  client.request = function(self, method, params, handler, bufnr)
    if method ~= INLINE or type(handler) ~= 'function' then
      return request(self, method, params, handler, bufnr)
    end
    local target = bufnr
    if (not target or target == 0) and params and params.textDocument then
      target = buf_of(params.textDocument.uri)
    end
    -- A new request replaces what was shown (the server records it as ignored).
    if target then
      shown[target] = nil
    end
    M.stats.requests = M.stats.requests + 1
    local function on_reply(err, result, ctx)
      handler(err, result, ctx)
      M.stats.replies = M.stats.replies + 1
      local items = type(result) == 'table' and (result.items or result) or {}
      local first = items[1]
      local command = first and first.command
      if err then
        M.stats.errors = M.stats.errors + 1
        return
      end
      if not command or command.command ~= ACCEPT or not command.arguments then
        M.stats.empty_replies = M.stats.empty_replies + 1
        return
      end
      if target and drawn(target) then
        shown[target] = { client_id = self.id, argument = command.arguments[1] }
        self:notify('pyqual/didShowCompletion', command.arguments[1])
        M.stats.shown = M.stats.shown + 1
      end
    end
    return request(self, method, params, on_reply, bufnr)
  end
end

local function map_keys(bufnr)
  local keys = M.options.keys or {}
  if keys.accept then
    vim.keymap.set('i', keys.accept, function()
      if shown[bufnr] and vim.lsp.inline_completion.get({ bufnr = bufnr }) then
        return ''
      end
      return vim.keycode(keys.accept)
    end, { buffer = bufnr, expr = true, replace_keycodes = false, desc = 'pyqual: accept the inline completion' })
  end
  if keys.dismiss then
    vim.keymap.set('i', keys.dismiss, function()
      if M.dismiss(bufnr) then
        return ''
      end
      return vim.keycode(keys.dismiss)
    end, { buffer = bufnr, expr = true, replace_keycodes = false, desc = 'pyqual: reject the inline completion' })
  end
end

local function on_attach(client, bufnr)
  watch_client(client)
  local group = api.nvim_create_augroup('pyqual.buffer.' .. bufnr, { clear = true })
  -- Leaving insert mode with a completion on screen rejects it (Neovim hides it then).
  api.nvim_create_autocmd('InsertLeave', {
    group = group,
    buffer = bufnr,
    callback = function()
      M.reject(bufnr)
    end,
  })
  api.nvim_create_autocmd('BufWipeout', {
    group = group,
    buffer = bufnr,
    callback = function()
      M.scores[bufnr] = nil
      shown[bufnr] = nil
    end,
  })
  if M.options.inline_completion and vim.lsp.inline_completion and vim.lsp.inline_completion.enable then
    vim.lsp.inline_completion.enable(true, { bufnr = bufnr })
    map_keys(bufnr)
  end
end

-- Commands -----------------------------------------------------------------

local function client_for(bufnr)
  return vim.lsp.get_clients({ bufnr = bufnr, name = NAME })[1]
end

--- Applies `source.fixAll.pyqual` to the buffer. `callback(applied: boolean, message)` is optional.
function M.fix_all(bufnr, callback)
  bufnr = (bufnr == nil or bufnr == 0) and api.nvim_get_current_buf() or bufnr
  callback = callback or function(_, message)
    vim.notify('pyqual: ' .. message, vim.log.levels.INFO)
  end
  local client = client_for(bufnr)
  if not client then
    return callback(false, 'the server is not attached to this buffer')
  end
  local last = api.nvim_buf_line_count(bufnr)
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = 0, character = 0 }, ['end'] = { line = last, character = 0 } },
    context = { only = { 'source.fixAll.pyqual' }, diagnostics = {} },
  }
  client:request('textDocument/codeAction', params, function(err, actions)
    if err then
      return callback(false, err.message or tostring(err))
    end
    for _, action in ipairs(actions or {}) do
      if action.kind == 'source.fixAll.pyqual' and action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        return callback(true, action.title)
      end
    end
    callback(false, 'nothing to fix')
  end, bufnr)
end

--- Shows the buffer's score.
function M.show_score(bufnr)
  bufnr = bufnr or api.nvim_get_current_buf()
  local entry = M.scores[bufnr]
  if not entry then
    vim.notify('pyqual: no score yet (save the file)', vim.log.levels.INFO)
    return
  end
  local counts = entry.counts or {}
  vim.notify(
    ('pyqual: %s — %d statements, E %d W %d R %d C %d F %d'):format(
      format_score(entry),
      entry.statements or 0,
      counts.E or 0,
      counts.W or 0,
      counts.R or 0,
      counts.C or 0,
      counts.F or 0
    ),
    vim.log.levels.INFO
  )
end

--- setup({ enable, lsp, notify, inline_completion, keys }).
---@param opts? table
function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(M.defaults), opts or {})
  local group = api.nvim_create_augroup('pyqual', { clear = true })
  api.nvim_create_autocmd('LspAttach', {
    group = group,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == NAME then
        on_attach(client, args.buf)
      end
    end,
  })
  -- Buffers the server attached to before setup() ran.
  for _, client in ipairs(vim.lsp.get_clients({ name = NAME })) do
    for bufnr in pairs(client.attached_buffers) do
      on_attach(client, bufnr)
    end
  end
  api.nvim_create_user_command('PyqualFixAll', function()
    M.fix_all(0)
  end, { desc = 'pyqual: apply every quick fix (source.fixAll.pyqual)' })
  api.nvim_create_user_command('PyqualScore', function()
    M.show_score()
  end, { desc = "pyqual: the buffer's pylint score at the last save" })
  if M.options.lsp then
    vim.lsp.config(NAME, M.options.lsp)
  end
  if M.options.enable then
    vim.lsp.enable(NAME)
  end
end

return M
