-- wrk script for case (f) on the peer (bench/directus.sh): create a client as an EMPLOYEE, the body of bench/post-client.lua
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name":"Bench client","b_num1":7,"b_text1":"city1"}'
