import { Worker } from 'node:worker_threads';
import { envWithoutSecrets } from './child-env.ts';

/** What a worker answers when it could not do its task. */
export interface WorkerFailure {
	ok: false;
	error: string;
}

/**
 * A task run in a worker thread beside the build's main thread: the worker posts one
 * message, its answer. The worker does not keep the process alive until its answer is
 * awaited (a build that stops before it must not wait for it).
 */
export class WorkerTask<Reply extends { ok: boolean }> {
	readonly #worker: Worker;
	readonly #answer: Promise<Reply | WorkerFailure>;

	/** `what` names the task in the error when the worker stops without answering. */
	constructor(script: URL, workerData: unknown, what: string) {
		this.#worker = new Worker(script, { env: envWithoutSecrets(), workerData });
		this.#worker.unref();
		this.#answer = new Promise((resolve) => {
			this.#worker.once('message', resolve);
			this.#worker.once('error', (error) => resolve({ ok: false, error: String(error) }));
			this.#worker.once('exit', (code) =>
				resolve({ ok: false, error: `${what} stopped (exit code ${code})` }),
			);
		});
	}

	/** The worker's answer, or why there is none. Never rejects. */
	answer(): Promise<Reply | WorkerFailure> {
		// Awaited from now on: the worker must keep the process alive.
		this.#worker.ref();
		return this.#answer;
	}
}
