-- End-to-end test of editors/nvim in real Neovim (run by run.sh):
--   nvim --headless -u NONE -i NONE -c 'luafile tests/editors/nvim/e2e.lua'
-- Environment: PYQUAL_BIN (the server binary), PYQUAL_E2E_DIR (a scratch
-- directory), PYQUAL_REPO (the repository root). Exits 0 when every check
-- passed, 1 on the first failure (cquit), 2 when the whole run times out.
--
-- The steps run in a coroutine resumed from timers, so Neovim's main loop
-- (insert mode, autocommands, LSP messages) runs between checks as it does
-- for a user.

local api = vim.api
local repo = assert(vim.env.PYQUAL_REPO, 'PYQUAL_REPO')
local bin = assert(vim.env.PYQUAL_BIN, 'PYQUAL_BIN')
local dir = assert(vim.env.PYQUAL_E2E_DIR, 'PYQUAL_E2E_DIR')
local events_file = dir .. '/events.jsonl'
local model = vim.env.PYQUAL_E2E_MODEL or 'smollm2-135m-instruct'
local started = vim.uv.hrtime()

local function out(line)
  io.stdout:write(('[%6.1fs] %s\n'):format((vim.uv.hrtime() - started) / 1e9, line))
  io.stdout:flush()
end

local passed, skipped = {}, {}
local function ok(what)
  table.insert(passed, what)
  out('ok    ' .. what)
end

local function finish(code)
  out(('summary: %d checks passed, %d skipped, %s'):format(#passed, #skipped, code == 0 and 'PASS' or 'FAIL'))
  for _, line in ipairs(skipped) do
    out('SKIPPED: ' .. line)
  end
  vim.cmd(code == 0 and 'qall!' or ('cquit ' .. code))
end

local function fail(message)
  out('FAIL  ' .. tostring(message))
  finish(1)
end

-- The whole run's limit.
vim.defer_fn(function()
  out('FAIL  the whole run took more than 300 s')
  vim.cmd('cquit 2')
end, 300000)

-- Coroutine plumbing ---------------------------------------------------------

local co
local function resume()
  local success, err = coroutine.resume(co)
  if not success then
    fail(debug.traceback(co, err))
  end
end

--- Yields to the main loop until `cond()` returns a truthy value (returned), or fails after `timeout_ms`.
local function wait_for(what, timeout_ms, cond)
  local deadline = vim.uv.hrtime() + timeout_ms * 1e6
  while true do
    local value = cond()
    if value then
      return value
    end
    if vim.uv.hrtime() > deadline then
      error(('timed out after %d ms waiting for %s'):format(timeout_ms, what), 0)
    end
    vim.defer_fn(resume, 25)
    coroutine.yield()
  end
end

--- Lets the main loop run for `ms`.
local function sleep(ms)
  vim.defer_fn(resume, ms)
  coroutine.yield()
end

local function check(condition, message)
  if not condition then
    error(message, 0)
  end
end

-- What the server says -----------------------------------------------------

local messages = {} -- window/showMessage texts
local show_message = vim.lsp.handlers['window/showMessage']
vim.lsp.handlers['window/showMessage'] = function(err, result, ctx, config)
  if result and result.message then
    table.insert(messages, result.message)
    out('server says: ' .. result.message)
  end
  return show_message(err, result, ctx, config)
end

local logged = {} -- window/logMessage texts
local log_message = vim.lsp.handlers['window/logMessage']
vim.lsp.handlers['window/logMessage'] = function(err, result, ctx, config)
  if result and result.message then
    table.insert(logged, result.message)
    if result.message:find('loaded in', 1, true) or result.message:find('no completions', 1, true) then
      out('server logs: ' .. result.message)
    end
  end
  return log_message(err, result, ctx, config)
end

local function said(text)
  return vim.iter(messages):any(function(m) return m:find(text, 1, true) end)
    or vim.iter(logged):any(function(m) return m:find(text, 1, true) end)
end

local notifications = {}
vim.notify = function(message)
  table.insert(notifications, message)
  out('notify: ' .. message)
end

local scores = {}
api.nvim_create_autocmd('User', {
  pattern = 'PyqualScore',
  callback = function(args)
    table.insert(scores, args.data.score)
  end,
})

local function read_events()
  local file = io.open(events_file, 'r')
  if not file then
    return {}
  end
  local events = {}
  for line in file:lines() do
    local decoded_ok, event = pcall(vim.json.decode, line)
    if decoded_ok then
      table.insert(events, event)
    end
  end
  file:close()
  return events
end

local function codes(bufnr)
  local found = {}
  for _, diagnostic in ipairs(vim.diagnostic.get(bufnr)) do
    if diagnostic.code then
      found[tostring(diagnostic.code)] = diagnostic
    end
  end
  return found
end

local function sorted_keys(map)
  local keys = vim.tbl_keys(map)
  table.sort(keys)
  return table.concat(keys, ' ')
end

-- The test -----------------------------------------------------------------

local function main()
  vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
  vim.cmd('filetype on')
  vim.o.swapfile = false
  vim.o.showmode = false
  vim.o.shortmess = vim.o.shortmess .. 'F'

  local pyqual = require('pyqual')
  pyqual.setup({
    lsp = {
      cmd = { bin, 'serve' },
      cmd_cwd = repo,
      init_options = { debounceMs = 50, model = model, maxTokens = 32, eventsFile = events_file },
    },
  })

  -- 1. Diagnostics -----------------------------------------------------------
  local file = dir .. '/fixture.py'
  vim.cmd.edit(vim.fn.fnameescape(file))
  local bufnr = api.nvim_get_current_buf()
  check(vim.bo[bufnr].filetype == 'python', 'filetype is ' .. vim.bo[bufnr].filetype)
  local client = wait_for('pyqual to attach', 20000, function()
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'pyqual' })[1]
  end)
  ok(('server attached: %s %s'):format(client.server_info and client.server_info.name or '?',
    client.server_info and client.server_info.version or '?'))
  local config = vim.lsp.config.pyqual
  check(config.cmd[1] == bin, 'cmd override not applied: ' .. vim.inspect(config.cmd))
  check(vim.list_contains(config.root_markers or {}, 'pylintrc') and config.handlers['pyqual/qualityScore'],
    'editors/nvim/lsp/pyqual.lua was not picked up')
  local found = wait_for('diagnostics C0121 and R1705', 20000, function()
    local found = codes(bufnr)
    return found.C0121 and found.R1705 and found
  end)
  check(found.C0121.lnum == 1 and found.C0121.col == 7, ('C0121 at %d:%d'):format(found.C0121.lnum, found.C0121.col))
  check(found.C0121.message:find('singleton%-comparison'), 'C0121 message: ' .. found.C0121.message)
  ok('diagnostics from pyqual: ' .. sorted_keys(found) .. ' (C0121 at line 2 col 8, R1705 present)')

  -- 2. Score on save ---------------------------------------------------------
  vim.cmd('silent write')
  local first = wait_for('pyqual/qualityScore after :w', 20000, function()
    return scores[1]
  end)
  local cli = vim.system({ bin, 'check', '--format', 'json', file }, { text = true, cwd = dir }):wait()
  local report = vim.json.decode(cli.stdout)
  local cli_score = report.files[1].score
  check(math.abs(first.score - cli_score) < 1e-9, ('score %s, but pyqual check says %s'):format(first.score, cli_score))
  check(first.score < 10 and first.previous == nil, 'first score ' .. vim.inspect(first))
  check(first.statements == report.files[1].statements, 'statements ' .. tostring(first.statements))
  ok(('score after :w: %.4f, %d statements (same as pyqual check); statusline "%s"'):format(
    first.score, first.statements, pyqual.statusline(bufnr)))
  check(pyqual.statusline(bufnr) == ('pylint %.2f'):format(first.score), 'statusline ' .. pyqual.statusline(bufnr))
  wait_for('a score notification', 5000, function()
    return vim.iter(notifications):any(function(n) return n:find(('pylint %.2f'):format(first.score), 1, true) end)
  end)
  ok('vim.notify showed the score')

  -- 3. Quick fix through vim.lsp.buf.code_action -----------------------------
  api.nvim_win_set_cursor(0, { found.C0121.lnum + 1, found.C0121.col })
  local params = vim.lsp.util.make_range_params(0, client.offset_encoding)
  params.context = { only = { 'quickfix' }, diagnostics = { found.C0121.user_data.lsp } }
  local reply = client:request_sync('textDocument/codeAction', params, 10000, bufnr)
  check(reply and reply.result, 'codeAction: ' .. vim.inspect(reply))
  local titles, chosen = {}, nil
  for _, action in ipairs(reply.result) do
    table.insert(titles, action.title)
  end
  for _, action in ipairs(reply.result) do
    local fixes_c0121 = vim.iter(action.diagnostics or {}):any(function(d) return d.code == 'C0121' end)
    if fixes_c0121 and not action.title:find('^Disable ') then
      chosen = chosen or action.title
    end
  end
  local real_fix = chosen ~= nil
  chosen = chosen or 'Disable singleton-comparison for this line'
  check(vim.list_contains(titles, chosen), 'no action "' .. chosen .. '" among ' .. vim.inspect(titles))
  out('code actions at C0121: ' .. table.concat(titles, ' | '))
  local tick = vim.b[bufnr].changedtick
  vim.lsp.buf.code_action({
    context = { only = { 'quickfix' } },
    filter = function(action)
      return action.title == chosen
    end,
    apply = true,
  })
  wait_for('the code action to edit the buffer', 10000, function()
    return vim.b[bufnr].changedtick ~= tick
  end)
  local line = api.nvim_buf_get_lines(bufnr, 1, 2, true)[1]
  if real_fix then
    check(line:find('is None', 1, true), 'line 2 after the fix: ' .. line)
  else
    check(line:find('# pylint: disable=singleton-comparison', 1, true), 'line 2 after the action: ' .. line)
  end
  ok(('applied "%s" (%s): line 2 is now %q'):format(chosen, real_fix and "the rule's own fix" or 'no rule fix on this branch', line))
  local after = wait_for('C0121 to go away', 20000, function()
    local now = codes(bufnr)
    return not now.C0121 and now.R1705 and now
  end)
  ok('C0121 gone, left: ' .. sorted_keys(after))

  local fix_all_result
  local tick_fix_all = vim.b[bufnr].changedtick
  pyqual.fix_all(bufnr, function(applied, message)
    fix_all_result = { applied = applied, message = message }
  end)
  wait_for(':PyqualFixAll reply', 10000, function()
    return fix_all_result
  end)
  check(fix_all_result.applied or fix_all_result.message == 'nothing to fix', 'fix all: ' .. fix_all_result.message)
  if fix_all_result.applied then
    check(vim.b[bufnr].changedtick ~= tick_fix_all, 'fix all changed nothing')
    local left = wait_for('R1705 to go away after the fix-all', 20000, function()
      local now = codes(bufnr)
      return not now.R1705 and now
    end)
    out('after the fix-all: ' .. sorted_keys(left))
  end
  ok('PyqualFixAll: ' .. (fix_all_result.applied and ('applied "' .. fix_all_result.message .. '"') or fix_all_result.message))

  vim.cmd('silent write')
  local second = wait_for('the second pyqual/qualityScore', 20000, function()
    return scores[2]
  end)
  check(second.score > first.score, ('score did not rise: %s -> %s'):format(first.score, second.score))
  check(math.abs(second.previous - first.score) < 1e-9, 'previousScore ' .. tostring(second.previous))
  local status = pyqual.statusline(bufnr)
  check(status == ('pylint %.2f ↑%.2f'):format(second.score, second.score - first.score), 'statusline ' .. status)
  ok(('score rose %.4f -> %.4f; statusline "%s"'):format(first.score, second.score, status))
  local before_notes = #notifications
  vim.cmd('PyqualScore')
  check(#notifications > before_notes and notifications[#notifications]:find(status, 1, true)
    and notifications[#notifications]:find(('%d statements'):format(second.statements), 1, true),
    ':PyqualScore said ' .. tostring(notifications[#notifications]))
  ok(':PyqualScore: ' .. notifications[#notifications])

  -- 4. Inline completion -----------------------------------------------------
  -- The server loads the model in the background after `initialized` and says
  -- how it went; a build without model support says it has none.
  local no_model = 'no completion model is loaded'
  local load = wait_for('the server to load ' .. model, 180000, function()
    return (said('loaded in') and 'loaded') or (said('no completions') and 'failed') or (said(no_model) and 'none')
  end)
  if load == 'failed' then
    local why = vim.iter(vim.list_extend(vim.deepcopy(messages), logged)):find(function(m)
      return m:find('no completions', 1, true)
    end)
    if vim.env.PYQUAL_E2E_ALLOW_NO_MODEL ~= '1' then
      error(('the server could not load %s: %s (run python3 models/fetch; PYQUAL_E2E_ALLOW_NO_MODEL=1 skips step 4)'):format(model, why), 0)
    end
    table.insert(skipped, ('step 4 (inline completion): PYQUAL_E2E_ALLOW_NO_MODEL=1 and the server said "%s"'):format(why))
    return finish(0)
  end
  if load == 'loaded' then
    ok('model loaded: ' .. vim.iter(logged):find(function(m) return m:find('loaded in', 1, true) end))
  end
  local target = vim.iter(ipairs(api.nvim_buf_get_lines(bufnr, 0, -1, true))):find(function(_, text)
    return text:match('^%s+$')
  end)
  check(target, 'no blank line in a function body in the fixture')
  check(vim.lsp.inline_completion and vim.lsp.inline_completion.is_enabled({ bufnr = bufnr }),
    'vim.lsp.inline_completion is not enabled for the buffer')
  api.nvim_win_set_cursor(0, { target, 0 })
  local requests = pyqual.stats.requests
  api.nvim_feedkeys('A', 'n', false) -- insert mode at the end of the blank line (col 4)
  wait_for('insert mode', 5000, function()
    return api.nvim_get_mode().mode == 'i'
  end)
  ok(('insert mode on line %d col %d; vim.lsp.inline_completion enabled'):format(target, api.nvim_win_get_cursor(0)[2]))
  -- Enters insert mode at the end of the blank line and waits for a new item
  -- on screen; an empty reply (the model had nothing to say) is retried by
  -- leaving and re-entering insert mode, three times at most.
  local function next_completion(what, previous_id)
    for attempt = 1, 3 do
      if api.nvim_get_mode().mode ~= 'n' then
        api.nvim_feedkeys(vim.keycode('<Esc>'), 'n', false)
        wait_for('normal mode', 5000, function()
          return api.nvim_get_mode().mode == 'n'
        end)
      end
      api.nvim_win_set_cursor(0, { target, 0 })
      local empty = pyqual.stats.empty_replies
      api.nvim_feedkeys('A', 'n', false)
      local current = wait_for(what, 180000, function()
        local current = pyqual.shown(bufnr)
        if current and current.argument.completionId ~= previous_id then
          return current
        end
        return pyqual.stats.empty_replies > empty and 'empty'
      end)
      if current ~= 'empty' then
        return current
      end
      out(('attempt %d: the server answered with no items; again'):format(attempt))
    end
    error('three inline completion requests in a row came back empty', 0)
  end
  local shown = wait_for('an inline completion (or the server saying it has no model)', 180000, function()
    if pyqual.shown(bufnr) then
      return pyqual.shown(bufnr)
    end
    if load == 'none' and pyqual.stats.replies > 0 and pyqual.stats.requests > requests then
      return 'no model'
    end
    if pyqual.stats.empty_replies > 0 then
      return 'empty'
    end
  end)
  if shown == 'no model' then
    check(pyqual.stats.shown == 0, 'a completion was shown although the server has no model')
    table.insert(skipped, ('step 4 (inline completion): no model in this build — the server said "%s" and answered %d inline request(s) with no items')
      :format(no_model, pyqual.stats.replies))
    out('SKIPPED: no model in this build')
    api.nvim_feedkeys(vim.keycode('<Esc>'), 'n', false)
    return finish(0)
  end
  if shown == 'empty' then
    out('the first inline completion came back empty; again')
    shown = next_completion('a first inline completion', nil)
  end
  local ns = api.nvim_get_namespaces()['nvim.lsp.inline_completion']
  local marks = api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, { details = true })
  check(#marks > 0, 'nothing drawn for the inline completion')
  ok(('completion %d shown (virtual text on line %d); pyqual/didShowCompletion sent'):format(
    shown.argument.completionId, marks[1][2] + 1))
  wait_for('a "shown" event in ' .. events_file, 10000, function()
    return vim.iter(read_events()):any(function(e) return e.outcome == 'shown' end)
  end)
  ok('events file has outcome "shown"')

  -- Reject this one by leaving insert mode, then accept the next.
  api.nvim_feedkeys(vim.keycode('<Esc>'), 'n', false)
  wait_for('normal mode', 5000, function()
    return api.nvim_get_mode().mode == 'n'
  end)
  wait_for('a "rejected" event', 10000, function()
    return vim.iter(read_events()):any(function(e) return e.outcome == 'rejected' and e.completion_id == shown.argument.completionId end)
  end)
  ok('<Esc> with the completion visible: pyqual/didRejectCompletion sent, events file has outcome "rejected"')


  -- The second: <C-]> (pyqual's dismiss key) rejects and hides it, insert mode goes on.
  local second_item = next_completion('a second inline completion', shown.argument.completionId)
  api.nvim_feedkeys(vim.keycode('<C-]>'), 'm', false)
  wait_for('a "rejected" event for the second completion', 10000, function()
    return vim.iter(read_events()):any(function(e) return e.outcome == 'rejected' and e.completion_id == second_item.argument.completionId end)
  end)
  check(#api.nvim_buf_get_extmarks(bufnr, ns, 0, -1, {}) == 0, 'the completion is still drawn after <C-]>')
  check(api.nvim_get_mode().mode == 'i', 'left insert mode on <C-]>')
  check(api.nvim_buf_get_lines(bufnr, target - 1, target, true)[1] == '    ', '<C-]> changed the line')
  ok(('<C-]> on completion %d: rejected and hidden, still in insert mode'):format(second_item.argument.completionId))
  api.nvim_feedkeys(vim.keycode('<Esc>'), 'n', false)
  wait_for('normal mode', 5000, function()
    return api.nvim_get_mode().mode == 'n'
  end)

  -- The third: accepted with <Tab> (pyqual's accept key: vim.lsp.inline_completion.get()).
  local again = next_completion('a third inline completion', second_item.argument.completionId)
  local tick_before = vim.b[bufnr].changedtick
  api.nvim_feedkeys(vim.keycode('<Tab>'), 'm', false)
  wait_for('the accepted text in the buffer', 10000, function()
    return vim.b[bufnr].changedtick ~= tick_before
  end)
  local accepted = wait_for('an "accepted" line in ' .. events_file, 10000, function()
    return vim.iter(read_events()):find(function(e)
      return e.outcome == 'accepted' and e.completion_id == again.argument.completionId
    end)
  end)
  local raw = io.open(events_file):read('*a')
  check(raw:find('"outcome":"accepted"', 1, true), 'no "outcome":"accepted" in the events file')
  ok(('accepted completion %d with <Tab> (vim.lsp.inline_completion.get()): the buffer holds its text "%s"; events file has "outcome":"accepted" (model %s)')
    :format(again.argument.completionId, (accepted.text:gsub('\n', '\\n')), accepted.model or '?'))
  api.nvim_feedkeys(vim.keycode('<Esc>'), 'n', false)
  sleep(50)
  finish(0)
end

co = coroutine.create(main)
vim.schedule(resume)
