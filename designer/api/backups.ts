import type { BackupJobQueued, BackupsView } from "../../schemas/contracts/backups";
import { request } from "../../kit/request";

export type { BackupsView };

export const readBackups = (signal?: AbortSignal) => request<BackupsView>("/api/backups", { signal, cache: "no-store" });

export const startBackup = () => request<BackupJobQueued>("/api/backups", { method: "POST" });

export const verifyBackup = (runId: string) =>
  request<BackupJobQueued>(`/api/backups/${encodeURIComponent(runId)}/verify`, { method: "POST" });
