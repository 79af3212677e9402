//! What people type, and the tool call each must become: the specification
//! of the built-in understanding, as a table. The clock is Tuesday 24
//! November 2026, 14:30 local time, so tomorrow is Wednesday the 25th,
//! Friday the 27th, next Monday the 30th.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{Clock, Command, TaskRef, understand};

/// What a phrasing must be understood as.
enum Expected {
    /// A call of this tool with exactly these arguments.
    Tool(&'static str, Value),
    /// A command the assistant answers itself.
    Answer(Command),
}

fn tool(name: &'static str, args: Value) -> Expected {
    Expected::Tool(name, args)
}

fn add(args: Value) -> Expected {
    tool("add_task", args)
}

fn list(args: Value) -> Expected {
    tool("list_tasks", args)
}

fn update(args: Value) -> Expected {
    tool("update_task", args)
}

fn complete(tasks: Value) -> Expected {
    tool("complete_task", json!({ "tasks": tasks }))
}

fn uncomplete(tasks: Value) -> Expected {
    tool("uncomplete_task", json!({ "tasks": tasks }))
}

fn delete(tasks: Value) -> Expected {
    tool("delete_task", json!({ "tasks": tasks }))
}

fn show(task: Value) -> Expected {
    tool("get_task", json!({ "task": task }))
}

fn search(query: &str) -> Expected {
    tool("search_tasks", json!({ "query": query }))
}

fn summary() -> Expected {
    tool("task_summary", json!({}))
}

fn edit(task: TaskRef) -> Expected {
    Expected::Answer(Command::Edit(task))
}

fn help() -> Expected {
    Expected::Answer(Command::Help)
}

fn not_understood() -> Expected {
    Expected::Answer(Command::NotUnderstood)
}

fn clock() -> Clock {
    let now = NaiveDate::from_ymd_opt(2026, 11, 24).and_then(|d| d.and_hms_opt(14, 30, 0));
    Clock {
        now: now.expect("a valid date"),
    }
}

fn phrasings() -> Vec<(&'static str, Expected)> {
    vec![
        // Adding: the title is what is left once everything else is read.
        (
            "add task: buy groceries",
            add(json!({ "title": "buy groceries" })),
        ),
        (
            "add buy milk tomorrow at 5pm, high priority #errands",
            add(json!({
                "title": "buy milk", "priority": "high", "due": "2026-11-25T17:00", "tags": ["errands"]
            })),
        ),
        (
            "remind me to call mom on Friday at 10",
            add(json!({
                "title": "call mom", "due": "2026-11-27T10:00", "remind_at": "2026-11-27T10:00"
            })),
        ),
        (
            "water the plants every Monday",
            add(json!({
                "title": "water the plants", "due": "2026-11-30", "recurrence": "FREQ=WEEKLY;BYDAY=MO"
            })),
        ),
        (
            "todo: call the plumber",
            add(json!({ "title": "call the plumber" })),
        ),
        (
            "todo call the plumber",
            add(json!({ "title": "call the plumber" })),
        ),
        ("new task pay rent", add(json!({ "title": "pay rent" }))),
        ("task: pay rent", add(json!({ "title": "pay rent" }))),
        (
            "create a task to book flights",
            add(json!({ "title": "book flights" })),
        ),
        (
            "I need to renew my passport",
            add(json!({ "title": "renew my passport" })),
        ),
        (
            "don't forget to feed the cat",
            add(json!({ "title": "feed the cat" })),
        ),
        (
            "Don’t forget to feed the cat!",
            add(json!({ "title": "feed the cat" })),
        ),
        ("Please add Buy Milk!", add(json!({ "title": "Buy Milk" }))),
        (
            "could you add buy milk please?",
            add(json!({ "title": "buy milk" })),
        ),
        ("add", add(json!({ "title": "" }))),
        ("create task", add(json!({ "title": "" }))),
        (
            "add tomorrow",
            add(json!({ "title": "", "due": "2026-11-25" })),
        ),
        (
            "add get things done",
            add(json!({ "title": "get things done" })),
        ),
        ("add buy 5 apples", add(json!({ "title": "buy 5 apples" }))),
        (
            "add Address the envelope",
            add(json!({ "title": "Address the envelope" })),
        ),
        (
            "add buy milk to my list",
            add(json!({ "title": "buy milk" })),
        ),
        ("put eggs on my list", add(json!({ "title": "eggs" }))),
        (
            "add call bank urgent",
            add(json!({ "title": "call bank", "priority": "urgent" })),
        ),
        (
            "add urgent: fix the server",
            add(json!({ "title": "fix the server", "priority": "urgent" })),
        ),
        (
            "add email the boss, asap",
            add(json!({ "title": "email the boss", "priority": "urgent" })),
        ),
        (
            "add book urgent care appointment",
            add(json!({ "title": "book urgent care appointment" })),
        ),
        (
            "add pay bills p1",
            add(json!({ "title": "pay bills", "priority": "urgent" })),
        ),
        (
            "add water lawn p4",
            add(json!({ "title": "water lawn", "priority": "low" })),
        ),
        (
            "add clean garage !low",
            add(json!({ "title": "clean garage", "priority": "low" })),
        ),
        (
            "add read book low prio",
            add(json!({ "title": "read book", "priority": "low" })),
        ),
        (
            "add review PR priority: high",
            add(json!({ "title": "review PR", "priority": "high" })),
        ),
        (
            "add fix bug, medium priority",
            add(json!({ "title": "fix bug", "priority": "medium" })),
        ),
        (
            "add dentist appointment Dec 5 at 3pm",
            add(json!({ "title": "dentist appointment", "due": "2026-12-05T15:00" })),
        ),
        (
            "add pay taxes 2027-04-15",
            add(json!({ "title": "pay taxes", "due": "2027-04-15" })),
        ),
        (
            "add dentist 5 December",
            add(json!({ "title": "dentist", "due": "2026-12-05" })),
        ),
        (
            "add gift shopping December 5th",
            add(json!({ "title": "gift shopping", "due": "2026-12-05" })),
        ),
        (
            "add ski trip on jan 10",
            add(json!({ "title": "ski trip", "due": "2027-01-10" })),
        ),
        (
            "add send invoice next week",
            add(json!({ "title": "send invoice", "due": "2026-11-30" })),
        ),
        (
            "add plan trip next month",
            add(json!({ "title": "plan trip", "due": "2026-12-01" })),
        ),
        (
            "add clean the house this weekend",
            add(json!({ "title": "clean the house", "due": "2026-11-28" })),
        ),
        (
            "add call grandma in 3 days",
            add(json!({ "title": "call grandma", "due": "2026-11-27" })),
        ),
        (
            "add renew insurance in 2 weeks",
            add(json!({ "title": "renew insurance", "due": "2026-12-08" })),
        ),
        (
            "add check the oven in an hour",
            add(json!({ "title": "check the oven", "due": "2026-11-24T15:30" })),
        ),
        (
            "add take out the trash tonight",
            add(json!({ "title": "take out the trash", "due": "2026-11-24T20:00" })),
        ),
        (
            "add call the bank at 5:30 pm",
            add(json!({ "title": "call the bank", "due": "2026-11-24T17:30" })),
        ),
        (
            "add standup at 10",
            add(json!({ "title": "standup", "due": "2026-11-25T10:00" })),
        ),
        (
            "add standup at 17:00",
            add(json!({ "title": "standup", "due": "2026-11-24T17:00" })),
        ),
        (
            "add lunch with Sam at noon tomorrow",
            add(json!({ "title": "lunch with Sam", "due": "2026-11-25T12:00" })),
        ),
        (
            "add go for a run in the morning",
            add(json!({ "title": "go for a run", "due": "2026-11-25T09:00" })),
        ),
        (
            "add call dad tomorrow morning",
            add(json!({ "title": "call dad", "due": "2026-11-25T09:00" })),
        ),
        (
            "add book club tomorrow evening",
            add(json!({ "title": "book club", "due": "2026-11-25T18:00" })),
        ),
        (
            "add midnight snack run",
            add(json!({ "title": "midnight snack run" })),
        ),
        (
            "add file report on Friday",
            add(json!({ "title": "file report", "due": "2026-11-27" })),
        ),
        (
            "add team lunch next Friday",
            add(json!({ "title": "team lunch", "due": "2026-11-27" })),
        ),
        (
            "add call mom on Tuesday",
            add(json!({ "title": "call mom", "due": "2026-12-01" })),
        ),
        (
            "add submit form this Tuesday",
            add(json!({ "title": "submit form", "due": "2026-11-24" })),
        ),
        (
            "add pick up dry cleaning day after tomorrow",
            add(json!({ "title": "pick up dry cleaning", "due": "2026-11-26" })),
        ),
        (
            "add report due by friday 5pm",
            add(json!({ "title": "report", "due": "2026-11-27T17:00" })),
        ),
        (
            "add new year party jan 1",
            add(json!({ "title": "new year party", "due": "2027-01-01" })),
        ),
        (
            "add watch the sun set",
            add(json!({ "title": "watch the sun set" })),
        ),
        // Repeats: the first occurrence is the due.
        (
            "add journal every day",
            add(json!({ "title": "journal", "due": "2026-11-24", "recurrence": "FREQ=DAILY" })),
        ),
        (
            "add stretch daily at 7am",
            add(
                json!({ "title": "stretch", "due": "2026-11-25T07:00", "recurrence": "FREQ=DAILY" }),
            ),
        ),
        (
            "add timesheet every weekday",
            add(
                json!({ "title": "timesheet", "due": "2026-11-24", "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" }),
            ),
        ),
        (
            "add standup every weekday at 9:30",
            add(
                json!({ "title": "standup", "due": "2026-11-25T09:30", "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" }),
            ),
        ),
        (
            "add gym every Monday and Thursday",
            add(
                json!({ "title": "gym", "due": "2026-11-26", "recurrence": "FREQ=WEEKLY;BYDAY=MO,TH" }),
            ),
        ),
        (
            "add team sync weekly",
            add(json!({ "title": "team sync", "due": "2026-11-24", "recurrence": "FREQ=WEEKLY" })),
        ),
        (
            "add water ferns every 2 weeks",
            add(
                json!({ "title": "water ferns", "due": "2026-11-24", "recurrence": "FREQ=WEEKLY;INTERVAL=2" }),
            ),
        ),
        (
            "add pay rent every 1st of the month",
            add(
                json!({ "title": "pay rent", "due": "2026-12-01", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1" }),
            ),
        ),
        (
            "add backup monthly",
            add(json!({ "title": "backup", "due": "2026-11-24", "recurrence": "FREQ=MONTHLY" })),
        ),
        (
            "add renew domain every year",
            add(
                json!({ "title": "renew domain", "due": "2026-11-24", "recurrence": "FREQ=YEARLY" }),
            ),
        ),
        (
            "add meditate every morning",
            add(
                json!({ "title": "meditate", "due": "2026-11-25T09:00", "recurrence": "FREQ=DAILY" }),
            ),
        ),
        (
            "add trash out every Sunday evening",
            add(
                json!({ "title": "trash out", "due": "2026-11-29T18:00", "recurrence": "FREQ=WEEKLY;BYDAY=SU" }),
            ),
        ),
        // Tags, quotes, notes.
        (
            "add buy milk tagged errands",
            add(json!({ "title": "buy milk", "tags": ["errands"] })),
        ),
        (
            "add #work prepare slides",
            add(json!({ "title": "prepare slides", "tags": ["work"] })),
        ),
        (
            "add prepare slides #work #Q4-review",
            add(json!({ "title": "prepare slides", "tags": ["work", "Q4-review"] })),
        ),
        (
            "add \"meet at 5pm\" tomorrow",
            add(json!({ "title": "meet at 5pm", "due": "2026-11-25" })),
        ),
        (
            "add call the bank, note: ask about fees",
            add(json!({ "title": "call the bank", "description": "ask about fees" })),
        ),
        // Reminders.
        (
            "remind me at 5pm to call mom",
            add(
                json!({ "title": "call mom", "due": "2026-11-24T17:00", "remind_at": "2026-11-24T17:00" }),
            ),
        ),
        (
            "remind me to buy bread tomorrow",
            add(json!({ "title": "buy bread", "due": "2026-11-25" })),
        ),
        (
            "can you remind me to stretch in 30 minutes",
            add(
                json!({ "title": "stretch", "due": "2026-11-24T15:00", "remind_at": "2026-11-24T15:00" }),
            ),
        ),
        // To-dos said without "add", recognised by their date or repeat.
        (
            "call mom tomorrow at 5",
            add(json!({ "title": "call mom", "due": "2026-11-25T17:00" })),
        ),
        (
            "finish the report by Friday",
            add(json!({ "title": "finish the report", "due": "2026-11-27" })),
        ),
        (
            "make dinner tonight",
            add(json!({ "title": "make dinner", "due": "2026-11-24T20:00" })),
        ),
        (
            "set up the printer tomorrow",
            add(json!({ "title": "set up the printer", "due": "2026-11-25" })),
        ),
        (
            "schedule a call with Bob on Friday",
            add(json!({ "title": "schedule a call with Bob", "due": "2026-11-27" })),
        ),
        (
            "pay rent monthly on the 1st",
            add(
                json!({ "title": "pay rent", "due": "2026-12-01", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1" }),
            ),
        ),
        // Listing.
        ("show me my tasks", list(json!({}))),
        ("show", list(json!({}))),
        ("tasks", list(json!({}))),
        ("My tasks?", list(json!({}))),
        ("list", list(json!({}))),
        ("todo list", list(json!({}))),
        ("show all tasks", list(json!({}))),
        ("what do I have?", list(json!({}))),
        ("what's pending?", list(json!({ "status": "pending" }))),
        ("open tasks", list(json!({ "status": "pending" }))),
        ("what's left to do", list(json!({ "status": "pending" }))),
        ("show completed", list(json!({ "status": "completed" }))),
        ("what have I done?", list(json!({ "status": "completed" }))),
        (
            "show all tasks including completed",
            list(json!({ "status": "all" })),
        ),
        ("what's due today?", list(json!({ "due": "today" }))),
        ("today's tasks", list(json!({ "due": "today" }))),
        ("anything overdue?", list(json!({ "due": "overdue" }))),
        ("show me overdue tasks", list(json!({ "due": "overdue" }))),
        ("what do I have this week", list(json!({ "due": "week" }))),
        (
            "which tasks are due this week?",
            list(json!({ "due": "week" })),
        ),
        ("tasks with no due date", list(json!({ "due": "none" }))),
        (
            "show tasks without a due date",
            list(json!({ "due": "none" })),
        ),
        (
            "list high priority tasks",
            list(json!({ "priority": ["high"] })),
        ),
        ("urgent tasks", list(json!({ "priority": ["urgent"] }))),
        ("show tasks tagged work", list(json!({ "tag": ["work"] }))),
        ("#work tasks", list(json!({ "tag": ["work"] }))),
        (
            "pending high priority tasks tagged work",
            list(json!({ "status": "pending", "priority": ["high"], "tag": ["work"] })),
        ),
        (
            "what's left to do today",
            list(json!({ "status": "pending", "due": "today" })),
        ),
        ("find overdue tasks", list(json!({ "due": "overdue" }))),
        // The summary.
        ("what's due?", summary()),
        ("What is due", summary()),
        ("anything due or overdue", summary()),
        ("summary", summary()),
        ("what's on today", summary()),
        ("give me a summary", summary()),
        ("which tasks are due?", summary()),
        // Searching.
        ("search groceries", search("groceries")),
        ("search for tax documents", search("tax documents")),
        ("find dentist", search("dentist")),
        ("look for the insurance task", search("insurance")),
        ("do I have a task about insurance?", search("insurance")),
        // Showing one task.
        ("show task 5", show(json!(5))),
        ("what's task 5?", show(json!(5))),
        ("what is task #7 about", show(json!(7))),
        ("task 5", show(json!(5))),
        ("#5", show(json!(5))),
        ("open task 5", show(json!(5))),
        ("find task 5", show(json!(5))),
        ("details of task 12", show(json!(12))),
        ("tell me about the dentist task", show(json!("dentist"))),
        ("show buy milk", show(json!("buy milk"))),
        // Completing.
        ("complete task 5", complete(json!([5]))),
        ("Complete task 5.", complete(json!([5]))),
        ("finish task 5", complete(json!([5]))),
        ("done 5", complete(json!([5]))),
        ("5 done", complete(json!([5]))),
        ("Done with task 2!", complete(json!([2]))),
        ("mark buy milk as done", complete(json!(["buy milk"]))),
        ("mark task 7 done", complete(json!([7]))),
        ("check off buy milk", complete(json!(["buy milk"]))),
        ("tick off #8", complete(json!([8]))),
        ("close task 9", complete(json!([9]))),
        ("task 5 is done", complete(json!([5]))),
        ("buy milk is done", complete(json!(["buy milk"]))),
        ("I finished the report", complete(json!(["the report"]))),
        ("complete tasks 3, 4 and 5", complete(json!([3, 4, 5]))),
        ("complete 3 and 4", complete(json!([3, 4]))),
        (
            "mark bread and butter as done",
            complete(json!(["bread and butter"])),
        ),
        ("complete buy 5 apples", complete(json!(["buy 5 apples"]))),
        (
            "please mark the dentist task as complete, thanks",
            complete(json!(["dentist"])),
        ),
        // Reopening.
        ("undo task 5", uncomplete(json!([5]))),
        ("reopen task 5", uncomplete(json!([5]))),
        ("re-open #4", uncomplete(json!([4]))),
        ("mark task 5 as not done", uncomplete(json!([5]))),
        ("task 5 is not done", uncomplete(json!([5]))),
        ("uncheck buy milk", uncomplete(json!(["buy milk"]))),
        (
            "mark buy milk as incomplete",
            uncomplete(json!(["buy milk"])),
        ),
        // Deleting.
        ("delete task 3", delete(json!([3]))),
        ("remove task 3", delete(json!([3]))),
        ("get rid of the dentist task", delete(json!(["dentist"]))),
        ("delete tasks 3 and 4", delete(json!([3, 4]))),
        ("remove buy milk from my list", delete(json!(["buy milk"]))),
        ("cancel task 6", delete(json!([6]))),
        ("trash #10", delete(json!([10]))),
        // Changing.
        (
            "rename task 2 to call dad",
            update(json!({ "task": 2, "title": "call dad" })),
        ),
        (
            "rename buy milk to buy oat milk",
            update(json!({ "task": "buy milk", "title": "buy oat milk" })),
        ),
        (
            "rename task 2 to go to the gym",
            update(json!({ "task": 2, "title": "go to the gym" })),
        ),
        (
            "change task 2 title to call dad",
            update(json!({ "task": 2, "title": "call dad" })),
        ),
        (
            "change the title of task 2 to Call Dad",
            update(json!({ "task": 2, "title": "Call Dad" })),
        ),
        (
            "change task 2 to call dad",
            update(json!({ "task": 2, "title": "call dad" })),
        ),
        (
            "set task 4 to high priority",
            update(json!({ "task": 4, "priority": "high" })),
        ),
        (
            "task 4 is urgent",
            update(json!({ "task": 4, "priority": "urgent" })),
        ),
        (
            "make task 4 urgent",
            update(json!({ "task": 4, "priority": "urgent" })),
        ),
        (
            "mark task 4 as low priority",
            update(json!({ "task": 4, "priority": "low" })),
        ),
        (
            "set the priority of task 4 to medium",
            update(json!({ "task": 4, "priority": "medium" })),
        ),
        (
            "task 4 p2",
            update(json!({ "task": 4, "priority": "high" })),
        ),
        (
            "prioritize task 6",
            update(json!({ "task": 6, "priority": "high" })),
        ),
        (
            "move task 4 to next week",
            update(json!({ "task": 4, "due": "2026-11-30" })),
        ),
        (
            "push task 4 to tomorrow",
            update(json!({ "task": 4, "due": "2026-11-25" })),
        ),
        (
            "push task 4 tomorrow",
            update(json!({ "task": 4, "due": "2026-11-25" })),
        ),
        (
            "reschedule task 4 to Dec 5 at 3pm",
            update(json!({ "task": 4, "due": "2026-12-05T15:00" })),
        ),
        (
            "postpone the dentist to Friday",
            update(json!({ "task": "the dentist", "due": "2026-11-27" })),
        ),
        (
            "move buy milk to friday",
            update(json!({ "task": "buy milk", "due": "2026-11-27" })),
        ),
        (
            "task 4 due friday",
            update(json!({ "task": 4, "due": "2026-11-27" })),
        ),
        (
            "set task 4 due tomorrow at 9am",
            update(json!({ "task": 4, "due": "2026-11-25T09:00" })),
        ),
        (
            "change the due date of task 4 to Friday",
            update(json!({ "task": 4, "due": "2026-11-27" })),
        ),
        (
            "set task 4 to high priority and due friday",
            update(json!({ "task": 4, "priority": "high", "due": "2026-11-27" })),
        ),
        (
            "clear the due date of task 4",
            update(json!({ "task": 4, "due": null })),
        ),
        (
            "remove the due date from task 4",
            update(json!({ "task": 4, "due": null })),
        ),
        (
            "task 4 has no due date",
            update(json!({ "task": 4, "due": null })),
        ),
        (
            "change the due date of task 4 to none",
            update(json!({ "task": 4, "due": null })),
        ),
        (
            "tag task 3 with #home",
            update(json!({ "task": 3, "tags": ["home"] })),
        ),
        (
            "tag task 3 #home #garden",
            update(json!({ "task": 3, "tags": ["home", "garden"] })),
        ),
        (
            "tag buy milk as errands",
            update(json!({ "task": "buy milk", "tags": ["errands"] })),
        ),
        (
            "add #home to task 3",
            update(json!({ "task": 3, "tags": ["home"] })),
        ),
        (
            "add the tag home to the dentist task",
            update(json!({ "task": "dentist", "tags": ["home"] })),
        ),
        (
            "make task 4 repeat every monday",
            update(json!({ "task": 4, "recurrence": "FREQ=WEEKLY;BYDAY=MO" })),
        ),
        (
            "task 4 repeats weekly",
            update(json!({ "task": 4, "recurrence": "FREQ=WEEKLY" })),
        ),
        (
            "stop repeating task 4",
            update(json!({ "task": 4, "recurrence": null })),
        ),
        // The edit form.
        ("edit task 3", edit(TaskRef::Id(3))),
        ("edit buy milk", edit(TaskRef::Title("buy milk".into()))),
        ("change task 3", edit(TaskRef::Id(3))),
        ("open task 3 for editing", edit(TaskRef::Id(3))),
        // Help.
        ("help", help()),
        ("Help!", help()),
        ("what can you do?", help()),
        ("how does this work", help()),
        // Not understood, and not mistaken for something else.
        ("", not_understood()),
        ("   ", not_understood()),
        ("?!", not_understood()),
        ("hello", not_understood()),
        ("thanks", not_understood()),
        ("address the envelope", not_understood()),
        ("buy milk", not_understood()),
        ("get things done", not_understood()),
        ("what's the weather like?", not_understood()),
        ("what is love", not_understood()),
        ("check the mail", not_understood()),
        ("drop off the kids", not_understood()),
        ("drop the database", not_understood()),
        ("delete all tasks", not_understood()),
        ("delete everything", not_understood()),
        ("complete it", not_understood()),
        ("complete", not_understood()),
        ("done", not_understood()),
        ("undo", not_understood()),
        ("delete", not_understood()),
        ("edit", not_understood()),
        ("search", not_understood()),
        ("5", not_understood()),
        ("I have a dentist appointment", not_understood()),
        ("remove the tag home from task 3", not_understood()),
        ("move task 4 to the top", not_understood()),
        ("what's due tomorrow?", not_understood()),
        (
            "add #errands to buy milk",
            add(json!({ "title": "buy milk", "tags": ["errands"] })),
        ),
        (
            "remind me to move the car to Friday",
            add(json!({ "title": "move the car", "due": "2026-11-27" })),
        ),
        (
            "add call mom Friday, then email",
            add(json!({ "title": "call mom, then email", "due": "2026-11-27" })),
        ),
        (
            "add read john 3 16",
            add(json!({ "title": "read john 3 16" })),
        ),
        (
            "add 2 eggs and 3 apples",
            add(json!({ "title": "2 eggs and 3 apples" })),
        ),
        ("complete task 4 to high", not_understood()),
        // Found while trying to break it.
        (
            "add it's urgent: renew passport",
            add(json!({ "title": "renew passport", "priority": "urgent" })),
        ),
        (
            "add fix the bug asap tomorrow",
            add(json!({ "title": "fix the bug", "priority": "urgent", "due": "2026-11-25" })),
        ),
        (
            "add pay rent 1st of every month",
            add(
                json!({ "title": "pay rent", "due": "2026-12-01", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=1" }),
            ),
        ),
        (
            "add review budget on the last day of every month",
            add(
                json!({ "title": "review budget", "due": "2026-11-30", "recurrence": "FREQ=MONTHLY;BYMONTHDAY=-1" }),
            ),
        ),
        (
            "add exercise every weekday morning",
            add(
                json!({ "title": "exercise", "due": "2026-11-25T09:00", "recurrence": "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR" }),
            ),
        ),
        (
            "make the bed every morning",
            add(
                json!({ "title": "make the bed", "due": "2026-11-25T09:00", "recurrence": "FREQ=DAILY" }),
            ),
        ),
        (
            "add a reminder to call Bob at 4",
            add(
                json!({ "title": "call Bob", "due": "2026-11-24T16:00", "remind_at": "2026-11-24T16:00" }),
            ),
        ),
        (
            "add task called wash car",
            add(json!({ "title": "wash car" })),
        ),
        (
            "mark the task \"call mom\" as done",
            complete(json!(["call mom"])),
        ),
        ("completed task 5", complete(json!([5]))),
        (
            "show me pending and overdue",
            list(json!({ "status": "pending", "due": "overdue" })),
        ),
        ("how many tasks do I have", list(json!({}))),
        ("where is the tax task", search("tax")),
        (
            "push the dentist back to next week",
            update(json!({ "task": "the dentist", "due": "2026-11-30" })),
        ),
        (
            "reschedule buy milk for friday",
            update(json!({ "task": "buy milk", "due": "2026-11-27" })),
        ),
        (
            "make buy milk high priority",
            update(json!({ "task": "buy milk", "priority": "high" })),
        ),
        (
            "task 3 should be done by friday",
            update(json!({ "task": 3, "due": "2026-11-27" })),
        ),
        (
            "the report is due friday",
            update(json!({ "task": "the report", "due": "2026-11-27" })),
        ),
        (
            "task 4 no longer repeats",
            update(json!({ "task": 4, "recurrence": null })),
        ),
        (
            "clear task 4 due date",
            update(json!({ "task": 4, "due": null })),
        ),
        (
            "stop task 3 repeating",
            update(json!({ "task": 3, "recurrence": null })),
        ),
        (
            "rename task 3 \"Buy oat milk\"",
            update(json!({ "task": 3, "title": "Buy oat milk" })),
        ),
        (
            "edit task 3 title to foo",
            update(json!({ "task": 3, "title": "foo" })),
        ),
        ("done and dusted", not_understood()),
        ("finish him", not_understood()),
        ("complete everything", not_understood()),
        ("delete 0", not_understood()),
        ("show completed tasks from this week", not_understood()),
        ("what did I complete today", not_understood()),
    ]
}

/// What `text` was understood as, in the table's terms.
fn outcome(text: &str) -> Result<(&'static str, Value), Box<Command>> {
    let command = understand(text, &clock());
    command.tool_call().ok_or(Box::new(command))
}

#[test]
fn every_phrasing_is_understood_as_written_down() {
    let rows = phrasings();
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|(text, expected)| {
            let got = outcome(text);
            let ok = match (expected, &got) {
                (Expected::Tool(name, args), Ok((got_name, got_args))) => {
                    name == got_name && args == got_args
                }
                (Expected::Answer(command), Err(got_command)) => command == &**got_command,
                _ => false,
            };
            (!ok).then(|| {
                let wanted = match expected {
                    Expected::Tool(name, args) => format!("{name} {args}"),
                    Expected::Answer(command) => format!("{command:?}"),
                };
                let got = match got {
                    Ok((name, args)) => format!("{name} {args}"),
                    Err(command) => format!("{command:?}"),
                };
                format!("  {text:?}\n    wanted {wanted}\n    got    {got}")
            })
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} phrasings misread:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn the_table_is_big_enough_to_mean_something() {
    assert!(phrasings().len() >= 120, "{}", phrasings().len());
}

#[test]
fn understanding_is_deterministic_and_fast() {
    let started = std::time::Instant::now();
    for _ in 0..20 {
        for (text, _) in phrasings() {
            assert_eq!(understand(text, &clock()), understand(text, &clock()));
        }
    }
    // ~8,000 messages; a generous bound that still catches a pathological
    // slowdown (debug builds included).
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}
