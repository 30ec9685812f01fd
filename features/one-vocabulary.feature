@demo @restic
Feature: One vocabulary, on Amanda and on restic
  The same sentences judge a disk of the demo Amanda and a path of the demo restic repository: each outline runs once
  per backup system, one Examples block each, so a site that keeps some machines in restic reads one report. The same
  sentences on the bad fixtures of both, where each must fail with the same category, are the controls in
  tests/BackupAcceptance.Tests/Controls/OneVocabulary/one-vocabulary.feature.
  The password comes from RESTIC_PASSWORD_FILE (./run.sh sets the demo's when none is set), never from this file.

  Scenario Outline: The backup is not hollow and holds the path a rebuild needs
    Given <backup>
    Then the backup contains at least <files> files
    And the backup contains these paths:
      | path       |
      | canary.txt |

    Examples: Amanda
      | backup                                             | files |
      | ba-daily config for localhost /srv/fixtures/canary | 2     |

    Examples: restic
      | backup                                                                                                | files |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good | 30    |

  Scenario Outline: The file count holds against the previous backup and the live tree
    Given <backup>
    Then the file count is within 10% of the previous dump
    And the file count is within 10% of the live directory

    Examples: Amanda
      | backup                                            |
      | ba-daily config for localhost /srv/fixtures/stale |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good |

  Scenario Outline: Random files restore byte-exact against the live tree
    Given <backup>
    When 3 random files are restored
    Then every restored file matches the live file

    Examples: Amanda
      | backup                                            |
      | ba-daily config for localhost /srv/fixtures/stale |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good |

  Scenario Outline: The backup is fresh and moved since the one before
    Given <backup>
    Then the latest dump is no older than 26 hours
    And the backup differs from the previous dump

    Examples: Amanda
      | backup                                             |
      | ba-daily config for localhost /srv/fixtures/canary |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good |

  @restore
  Scenario Outline: The whole backup restores as listed and matches the live tree
    Given <backup>
    When the whole disk is restored
    Then every file of the listing was restored
    And the restored tree matches the live directory

    Examples: Amanda
      | backup                                            |
      | ba-daily config for localhost /srv/fixtures/stale |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good |

  Scenario Outline: Restored data passes its own tool's check
    Given <backup>
    When the file "canary.txt" is restored
    Then the restored "canary.txt" passes "grep -q ^canary {}"

    Examples: Amanda
      | backup                                             |
      | ba-daily config for localhost /srv/fixtures/canary |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good |

  Scenario Outline: A full restore fits the recovery time objective
    Given <backup>
    Then the disk can be restored within 4 hours

    Examples: Amanda
      | backup                                             |
      | ba-daily config for localhost /srv/fixtures/canary |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good |
