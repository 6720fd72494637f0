-- wrk script for case (f): create a client as an EMPLOYEE
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"name":"Bench client","fields":{"b_num1":7,"b_text1":"city1"}}'
