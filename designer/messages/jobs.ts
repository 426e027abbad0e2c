/** Texts of the failed integration jobs screen (issue #6). */
export const fr = {
  tabFailedJobs: "Tâches en échec",
  failedJobsHeading: "Tâches d'intégration en échec",
  failedJobsIntro:
    "Ces envois n'ont pas pu être intégrés après plusieurs tentatives (panne, erreur inattendue). Une fois la cause réparée, relancez-les.",
  failedJobsCount: "{count} tâche(s) en échec",
  noFailedJobs: "Aucune tâche en échec.",
  colJobSubmission: "Envoi",
  colJobError: "Erreur",
  colJobAttempts: "Tentatives",
  colJobFailedAt: "Échec le",
  retryJob: "Relancer",
  jobRetried: "Tâche relancée.",
};

export const en: Record<keyof typeof fr, string> = {
  tabFailedJobs: "Failed jobs",
  failedJobsHeading: "Failed integration jobs",
  failedJobsIntro:
    "These submissions could not be integrated after several attempts (outage, unexpected error). Once the cause is fixed, retry them.",
  failedJobsCount: "{count} failed job(s)",
  noFailedJobs: "No failed job.",
  colJobSubmission: "Submission",
  colJobError: "Error",
  colJobAttempts: "Attempts",
  colJobFailedAt: "Failed on",
  retryJob: "Retry",
  jobRetried: "Job retried.",
};
