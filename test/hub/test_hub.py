"""deploy/jupyterhub on 127.0.0.1: two students, their seqgrad kernels, their own files.

Run through `npm run test:hub`, which installs the shared files into a throwaway prefix
(SEQGRAD_HUB_PREFIX) and gives a scratch folder (SEQGRAD_HUB_SCRATCH).
"""
import os
import secrets
import signal
import socket
import subprocess
import sys
import unittest

from hub_client import execute, rest, wait_until

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONFIG = os.path.join(ROOT, "deploy", "jupyterhub", "jupyterhub_config.py")
SCRATCH = os.environ["SEQGRAD_HUB_SCRATCH"]
USERS = ("alice", "bob")
TOKEN = secrets.token_hex(16)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kib(pid, with_children=True):
    """Resident memory of process `pid` (and all its descendants), in KiB."""
    total = 0
    for p in [pid] + (descendants(pid) if with_children else []):
        try:
            with open(f"/proc/{p}/status") as f:
                total += next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
        except (FileNotFoundError, StopIteration):
            pass
    return total


def descendants(pid):
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout.split()
    kids = [int(k) for k in out]
    return kids + [d for k in kids for d in descendants(k)]


class HubTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        port = free_port()
        cls.base = f"http://127.0.0.1:{port}"
        test_config = os.path.join(SCRATCH, "hub_test_config.py")
        with open(test_config, "w") as f:
            f.write(
                f"load_subconfig({CONFIG!r})\n"
                "c.JupyterHub.authenticator_class = 'jupyterhub.auth.DummyAuthenticator'\n"
                "c.JupyterHub.spawner_class = 'seqgrad_spawner.SimpleSeqgradSpawner'\n"
                f"c.SimpleLocalProcessSpawner.home_dir_template = {os.path.join(SCRATCH, 'home', '{username}')!r}\n"
                f"c.JupyterHub.hub_port = {free_port()}\n"
                f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{free_port()}'\n"
                f"c.JupyterHub.db_url = 'sqlite:///{os.path.join(SCRATCH, 'hub.sqlite')}'\n"
                f"c.JupyterHub.cookie_secret_file = {os.path.join(SCRATCH, 'cookie_secret')!r}\n"
                f"c.ConfigurableHTTPProxy.pid_file = {os.path.join(SCRATCH, 'proxy.pid')!r}\n"
                f"c.JupyterHub.services = [{{'name': 'course-admin', 'api_token': {TOKEN!r}}}]\n"
                "c.JupyterHub.load_roles = [{'name': 'course-admin', 'services': ['course-admin'],"
                " 'scopes': ['admin:users', 'admin:servers', 'access:servers', 'tokens', 'read:users']}]\n"
                "c.Spawner.start_timeout = 120\nc.Spawner.http_timeout = 120\n"
                # the simple spawner runs every server as the hub's user, root on CI machines
                f"c.Spawner.args = {['--allow-root'] if os.getuid() == 0 else []!r}\n"
            )
        env = {**os.environ, "SEQGRAD_HUB_IP": "127.0.0.1", "SEQGRAD_HUB_PORT": str(port)}
        cls.log = open(os.path.join(SCRATCH, "hub.log"), "w")
        cls.hub = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", test_config], cwd=SCRATCH, env=env,
            stdout=cls.log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        cls.api = f"{cls.base}/hub/api"
        try:
            cls.start_servers()
        except BaseException:
            cls.stop_hub()  # tearDownClass does not run after a failed setUpClass
            raise

    @classmethod
    def start_servers(cls):
        wait_until(lambda: rest(f"{cls.api}/users", TOKEN)[0] == 200, 120, "the hub's REST API")
        cls.tokens = {}
        cls.servers = {}
        for user in USERS:
            rest(f"{cls.api}/users/{user}", TOKEN, "POST")
            status, _ = rest(f"{cls.api}/users/{user}/server", TOKEN, "POST")
            assert status in (201, 202), f"starting {user}'s server answered {status}"
        for user in USERS:
            wait_until(lambda u=user: (rest(f"{cls.api}/users/{u}", TOKEN)[1] or {}).get("servers", {}).get("", {}).get("ready"), 120, f"{user}'s server")
            _, made = rest(f"{cls.api}/users/{user}/tokens", TOKEN, "POST", {"note": "test", "expires_in": 3600})
            cls.tokens[user] = made["token"]
            cls.servers[user] = (rest(f"{cls.api}/users/{user}", TOKEN)[1])["servers"][""]

    @classmethod
    def tearDownClass(cls):
        processes = [p for u in USERS for p in [int(cls.servers[u]["state"]["pid"])] + descendants(int(cls.servers[u]["state"]["pid"]))]
        try:
            for user in USERS:
                # kernels first: a server stopped by the hub does not always outlive its kernels' shutdown
                base = f"{cls.base}/user/{user}/api/kernels"
                for kernel in rest(base, cls.tokens[user])[1] or []:
                    rest(f"{base}/{kernel['id']}", cls.tokens[user], "DELETE")
                rest(f"{cls.api}/users/{user}/server", TOKEN, "DELETE")
            wait_until(lambda: all(not (rest(f"{cls.api}/users/{u}", TOKEN)[1] or {}).get("servers") for u in USERS), 60, "the servers to stop")
            wait_until(lambda: not any(os.path.exists(f"/proc/{p}") for p in processes), 30, "every server and kernel process to exit")
        finally:
            cls.stop_hub()

    @classmethod
    def stop_hub(cls):
        """Stops the hub and its proxy (their own process group)."""
        os.killpg(cls.hub.pid, signal.SIGTERM)
        try:
            cls.hub.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(cls.hub.pid, signal.SIGKILL)
        cls.log.close()

    def user_api(self, user):
        return f"{self.base}/user/{user}/api"

    def test_each_user_runs_a_cell_on_their_own_seqgrad_kernel(self):
        for user in USERS:
            _, specs = rest(f"{self.user_api(user)}/kernelspecs", self.tokens[user])
            self.assertIn("seqgrad", specs["kernelspecs"])
            status, kernel = rest(f"{self.user_api(user)}/kernels", self.tokens[user], "POST", {"name": "seqgrad"})
            self.assertEqual(status, 201)
            ws = f"ws://127.0.0.1:{self.base.rsplit(':', 1)[1]}/user/{user}/api/kernels/{kernel['id']}/channels"
            code = 'import { tensor } from "seqgrad";\nconst who = process.env.USER;\ntensor([[1, 2], [3, 4]]).matmul(tensor([[1], [1]]))'
            msgs = execute(ws, self.tokens[user], code)
            results = [m for m in msgs if m["msg_type"] == "execute_result"]
            self.assertEqual(len(results), 1, [m["msg_type"] for m in msgs])
            self.assertIn("application/vnd.seqgrad.tensor.v1+json", results[0]["content"]["data"])
            who = execute(ws, self.tokens[user], "who")
            text = next(m for m in who if m["msg_type"] == "execute_result")["content"]["data"]["text/plain"]
            self.assertIn(user, text)
            pid = int(self.servers[user]["state"]["pid"])
            alone = rss_kib(pid, with_children=False) / 1024
            print(f"\n{user}: server RSS {alone:.0f} MiB, with its kernel {rss_kib(pid) / 1024:.0f} MiB", file=sys.stderr)

    def test_each_user_sees_only_their_own_files(self):
        for user in USERS:
            body = {"type": "file", "format": "text", "content": f"{user}'s work"}
            status, _ = rest(f"{self.user_api(user)}/contents/{user}-notes.txt", self.tokens[user], "PUT", body)
            self.assertIn(status, (200, 201))
        for user, other in (USERS, USERS[::-1]):
            _, listing = rest(f"{self.user_api(user)}/contents", self.tokens[user])
            names = {item["name"] for item in listing["content"]}
            self.assertIn(f"{user}-notes.txt", names)
            self.assertNotIn(f"{other}-notes.txt", names)
            status, _ = rest(f"{self.user_api(other)}/contents", self.tokens[user])
            self.assertEqual(status, 403)

    def test_the_lab_is_served_to_each_user(self):
        status, _ = rest(f"{self.base}/user/alice/lab/api/settings", self.tokens["alice"])
        self.assertEqual(status, 200)


if __name__ == "__main__":
    unittest.main()
