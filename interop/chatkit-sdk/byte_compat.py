"""Byte-compatibility check against the official ChatKit SDK.

Drives a running TaskPilot through a short session (create a thread with a
task, list tasks, press the Complete button, read the thread back) and, for
every SSE event and JSON body, parses it with the SDK's own pydantic types and
serialises it again the way `ChatKitServer.process()` does
(`by_alias=True, exclude_none=True`, compact JSON). Our bytes must equal the
SDK's bytes: same keys, same order, same number formats, nulls left out.

Usage: python byte_compat.py URL JWT   (run with the conformance venv's python,
which has openai-chatkit 1.6.5). Prints `ok -`/`FAIL -` lines and ends with
`N passed, N failed`.
"""

import json
import sys
import urllib.request
import warnings

from pydantic import TypeAdapter

warnings.filterwarnings("ignore", category=DeprecationWarning)
from chatkit.types import Page, Thread, ThreadItem, ThreadStreamEvent  # noqa: E402

EVENT = TypeAdapter(ThreadStreamEvent)
ITEMS = TypeAdapter(Page[ThreadItem])
THREAD = TypeAdapter(Thread)
passed = failed = 0


def sdk_bytes(adapter, raw: bytes) -> bytes:
    value = adapter.validate_json(raw)
    return adapter.dump_json(value, by_alias=True, exclude_none=True, context={"exclude_metadata": True})


def check(name: str, adapter, raw: bytes) -> None:
    global passed, failed
    ours = raw.strip()
    theirs = sdk_bytes(adapter, ours)
    if ours == theirs:
        passed += 1
        print(f"ok - {name}")
    else:
        failed += 1
        print(f"FAIL - {name}\n  ours:   {ours.decode()}\n  theirs: {theirs.decode()}")


def post(url: str, jwt: str, body: dict) -> tuple[str, bytes]:
    request = urllib.request.Request(
        url,
        data=json.dumps(body).encode(),
        headers={"authorization": f"Bearer {jwt}", "content-type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("content-type", ""), response.read()


def stream(url: str, jwt: str, body: dict, name: str) -> list[dict]:
    content_type, raw = post(url, jwt, body)
    assert content_type.startswith("text/event-stream"), content_type
    events = []
    for frame in raw.decode().split("\n\n"):
        if not frame:
            continue
        data = frame.removeprefix("data: ").encode()
        event = json.loads(data)
        check(f"{name}: {event['type']}", EVENT, data)
        events.append(event)
    return events


def user_input(text: str) -> dict:
    return {"content": [{"type": "input_text", "text": text}], "attachments": [], "inference_options": {}}


def find_button(node):
    if isinstance(node, dict):
        if node.get("type") == "Button" and (node.get("onClickAction") or {}).get("handler") == "server":
            return node
        for child in node.get("children") or []:
            found = find_button(child)
            if found:
                return found
    return None


def main() -> int:
    url, jwt = sys.argv[1], sys.argv[2]
    events = stream(url, jwt, {"type": "threads.create", "params": {"input": user_input("add task: buy milk ☕")}}, "create")
    thread_id = events[0]["thread"]["id"]
    events = stream(
        url, jwt,
        {"type": "threads.add_user_message", "params": {"thread_id": thread_id, "input": user_input("show tasks")}},
        "show tasks",
    )
    widget = next(e["item"] for e in events if e["type"] == "thread.item.done" and e["item"]["type"] == "widget")
    button = find_button(widget["widget"])
    action = {"type": button["onClickAction"]["type"], "payload": button["onClickAction"]["payload"]}
    stream(
        url, jwt,
        {"type": "threads.custom_action", "params": {"thread_id": thread_id, "item_id": widget["id"], "action": action}},
        "complete",
    )
    _, raw = post(url, jwt, {"type": "items.list", "params": {"thread_id": thread_id}})
    check("items.list", ITEMS, raw)
    _, raw = post(url, jwt, {"type": "threads.get_by_id", "params": {"thread_id": thread_id}})
    check("threads.get_by_id", THREAD, raw)
    post(url, jwt, {"type": "threads.delete", "params": {"thread_id": thread_id}})
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
