"""A small client of a JupyterHub and its users' servers: REST with tokens, kernels over WebSocket."""
import json
import time
import urllib.error
import urllib.request
import uuid

from tornado.httpclient import HTTPRequest
from tornado.ioloop import IOLoop
from tornado.websocket import websocket_connect


def rest(url, token, method="GET", body=None):
    """(status, parsed JSON or None) of one request authorized by `token`."""
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"token {token}"})
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            text = resp.read().decode()
            return resp.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as err:
        return err.code, None
    except urllib.error.URLError:
        return 0, None  # nothing listening yet


def wait_until(check, timeout, what):
    """Polls `check` until it returns a true value; fails after `timeout` seconds naming `what`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


def execute(ws_url, token, code, timeout=120):
    """Runs `code` on the kernel at `ws_url`; returns the iopub messages of that request."""

    async def run():
        # the server answers the upgrade once the kernel has replied to kernel_info (slow on a busy machine)
        request = HTTPRequest(ws_url, headers={"Authorization": f"token {token}"}, connect_timeout=timeout, request_timeout=timeout)
        conn = await websocket_connect(request)
        msg_id = uuid.uuid4().hex
        header = {"msg_id": msg_id, "msg_type": "execute_request", "username": "test", "session": uuid.uuid4().hex, "version": "5.3"}
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}
        conn.write_message(json.dumps({"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}))
        seen = []
        deadline = time.time() + timeout
        while time.time() < deadline:
            raw = await conn.read_message()
            if raw is None:
                break
            msg = json.loads(raw)
            if msg.get("parent_header", {}).get("msg_id") != msg_id or msg.get("channel") != "iopub":
                continue
            seen.append(msg)
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        conn.close()
        return seen

    return IOLoop.current().run_sync(run, timeout=timeout + 10)
