package dev.metarec.spark;

import dev.metarec.meta.Task;
import dev.metarec.spark.Rows.UserHistory;

import java.util.ArrayList;
import java.util.List;

/**
 * One partition's users, built into tasks once and kept in executor memory for the whole run: the
 * training tasks in user-id order (global task index = the partition's start + position), the histories
 * they came from (the first ones are shipped to the driver for the finished checkpoint's calibration), and
 * the first validation users whose task is not empty. Never serialized: a lost block is rebuilt from its
 * lineage, with the same result.
 */
final class TaskBlock<B> {
    final int partition;
    final List<Task<B>> tasks = new ArrayList<>();
    final List<UserHistory> histories = new ArrayList<>();
    final List<UserHistory> validation = new ArrayList<>();

    TaskBlock(int partition) { this.partition = partition; }

    int size() { return tasks.size(); }
}
