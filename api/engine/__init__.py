"""The job engine shared by the service and the ``sopcheck audit`` command.

One task = one document (extract + check), run by :func:`api.engine.task.run_document`.
The task function isolates the document itself: it hands it to a warmed *sandbox*
process (one per executing thread) with an address-space limit, waits at most the
document timeout, and kills and replaces the sandbox when the document hangs or
crashes it. Because the isolation lives in the task, the same function runs

* on the local pool (:class:`api.engine.executors.LocalExecutor`: N threads, each
  feeding its own sandbox process, so N documents are read in parallel), or
* on a Dask distributed cluster (:class:`api.engine.executors.DaskExecutor`,
  ``--scheduler tcp://host:port`` or ``SOPCHECK_SCHEDULER``), unchanged.

``api.engine.state`` keeps finished results keyed by (sha256, rules_version,
profile) so audits are incremental and survive being killed; ``api.engine.audit``
drives a whole folder or zip audit.

Module layout: ``sandbox`` (child process and its parent-side handle), ``task``
(the task function), ``executors``, ``state``, ``audit``, ``html``.
"""
