-- wrk script (bench/load.py): each request asks the page with a parameter never asked
-- before (`nocache=<run>-<thread>-<n>`), which the views ignore but the visitors' page cache
-- keys on: every request misses the cache, as a crawler's or a new search's would.
-- The run's stamp (time and a random number, seeded per run) and each thread's number keep
-- two threads, and two runs within the cache's five minutes, from asking the same URL.
local threads = 0
local run = tostring(os.time())

setup = function(thread)
  threads = threads + 1
  thread:set("thread_tag", run .. "-" .. threads)
end

local counter = 0

request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "nocache=" .. thread_tag .. "-" .. counter)
end
