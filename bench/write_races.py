"""From outside: pairs of concurrent writers against a running Alianza with the demo loaded.

    DEBUG=false SECRET_KEY=… ALLOWED_HOSTS=127.0.0.1 gunicorn config.wsgi --workers 2 --threads 4 -b 127.0.0.1:8765
    python bench/write_races.py [base URL, default http://127.0.0.1:8765]

Prints, per write path, how many rounds lost a field or answered 5xx. Loopback only.
"""

import json
import sys
import threading
import urllib.error
import urllib.request

BASE = (sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8765").rstrip("/") + "/api/v1"
H = {"X-Forwarded-Proto": "https", "Content-Type": "application/json"}


def call(method, path, body=None, token=None):
    headers = dict(H)
    if token:
        headers["Authorization"] = f"Token {token}"
    req = urllib.request.Request(
        BASE + path, data=json.dumps(body).encode() if body is not None else None, method=method, headers=headers
    )
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def token(email):
    return call("POST", "/auth/token/", {"email": email, "password": "alianza-demo"})[1]["token"]


def together(*fns):
    b = threading.Barrier(len(fns))
    out = [None] * len(fns)

    def run(i, f):
        b.wait()
        out[i] = f()

    ts = [threading.Thread(target=run, args=(i, f)) for i, f in enumerate(fns)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    return out


fac = token("facilitator@demo.alianza.org")
off = token("official.cr@demo.alianza.org")

status, page = call("GET", "/consortia/?q=Delicia", token=fac)
cid = page["results"][0]["id"]
rounds, lost, errors = 30, 0, 0
for n in range(rounds):
    r = together(
        lambda n=n: call("PATCH", f"/consortia/{cid}/", {"description": f"desc {n}"}, fac),
        lambda n=n: call("PATCH", f"/consortia/{cid}/", {"region": f"Huetar Norte {n}"}, off),
    )
    errors += sum(1 for s, _ in r if s >= 500)
    _, c = call("GET", f"/consortia/{cid}/", token=fac)
    lost += (c["description"], c["region"]) != (f"desc {n}", f"Huetar Norte {n}")
print(f"consortium: two PATCHes of different fields x {rounds}: lost {lost}, 5xx {errors}")
# field rule from outside
s, body = call("PATCH", f"/consortia/{cid}/", {"country": "PE"}, fac)
print("facilitator moves country:", s, body)
# tasks: member status vs facilitator notes from one version
status, tasks = call("GET", f"/tasks/?consortium={cid}&phase=5", token=fac)
t = tasks["results"][0]
ok = conflicts = other = 0
for n in range(rounds):
    _, t = call("GET", f"/tasks/{t['id']}/", token=fac)
    r = together(
        lambda n=n, t=t: call("PATCH", f"/tasks/{t['id']}/", {"notes": f"n{n}", "version": t["version"]}, fac),
        lambda t=t: call(
            "PATCH",
            f"/tasks/{t['id']}/",
            {"status": "blocked" if t["status"] != "blocked" else "in_progress", "version": t["version"]},
            fac,
        ),
    )
    codes = sorted(s for s, _ in r)
    ok += codes == [200, 409]
    other += codes != [200, 409]
print(f"task: two PATCHes from one version x {rounds}: one 200 + one 409 in {ok}, otherwise {other}")
