-- wrk script (bench/load.py): each request asks the page with a parameter never asked
-- before (`nocache=<thread>-<n>`), which the views ignore but the visitors' page cache keys
-- on: every request misses the cache, as a crawler's or a new search's would.
local counter = 0
local thread_tag = tostring(math.random(1, 1000000000))

request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "nocache=" .. thread_tag .. "-" .. counter)
end
