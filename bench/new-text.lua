-- wrk script for case h10: free text that changes with each request, as a search box does while one
-- types: "note " and a number, so that each page first ranks trigrams the plan has not seen yet
local threads = 0
function setup(thread) -- each thread its own numbers, or the second would ask what the first just did
  threads = threads + 1
  thread:set("id", threads)
end
function init(args)
  math.randomseed(os.time() * 100 + id)
end
request = function()
  return wrk.format(nil, wrk.path .. math.random(0, 999999))
end
