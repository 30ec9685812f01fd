# Negative controls of features/one-vocabulary.feature: the same sentences on the bad fixtures of both backup systems
# (the demo Amanda, provision/amanda-demo.sh, and the demo restic repository, provision/restic-demo.sh). Run by
# OneVocabularyControlsTests through the real suite, from a copy outside the repository: every row here MUST fail,
# and with the same category on Amanda and on restic.
@controls @restic
Feature: Controls for one vocabulary on Amanda and on restic

  Scenario Outline: A backup of empty directories is hollow
    Given <backup>
    Then the backup contains at least one file

    Examples: Amanda
      | backup                                             |
      | ba-daily config for localhost /srv/fixtures/hollow |

    Examples: restic
      | backup                                                                                                  |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/hollow |

  Scenario Outline: Half the files gone since the backup before is a count drop
    Given <backup>
    Then the file count is within 10% of the previous dump

    Examples: Amanda
      | backup                                                |
      | ba-daily config for localhost /srv/fixtures/shrinking |

    Examples: restic
      | backup                                                                                                     |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/shrinking |

  # Amanda's bitrot flipped a byte of the dump on its vtape; restic's changed the live file's bytes with its size and
  # times kept. Either way the restored file and the live one differ though the live file looks unchanged.
  Scenario Outline: Restored bytes that differ from a live file that looks unchanged fail
    Given <backup>
    When the file "<file>" is restored
    Then every restored file matches the live file

    Examples: Amanda
      | backup                                                      | file     |
      | ba-nightly config for localhost /srv/fixtures/nightly/bitrot | note.txt |

    Examples: restic
      | backup                                                                                                  | file   |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/bitrot | f1.txt |

  Scenario Outline: A ten-day-old backup is stale
    Given <backup>
    Then the latest dump is no older than 26 hours

    Examples: Amanda
      | backup                                          |
      | ba-aged config for localhost /srv/fixtures/aged |

    Examples: restic
      | backup                                                                                                 |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/stale |

  Scenario Outline: A backup identical to the one before is stale
    Given <backup>
    Then the backup differs from the previous dump

    Examples: Amanda
      | backup                                            |
      | ba-daily config for localhost /srv/fixtures/stale |

    Examples: restic
      | backup                                                                                                     |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/unchanged |

  Scenario Outline: A whole restore that lacks a live file older than the backup fails
    Given <backup>
    When the whole disk is restored
    Then the restored tree matches the live directory

    Examples: Amanda
      | backup                                                         |
      | ba-nightly config for localhost /srv/fixtures/nightly/lostname |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/lost |

  Scenario Outline: A whole restore with bytes that differ from a live file that looks unchanged fails
    Given <backup>
    When the whole disk is restored
    Then the restored tree matches the live directory

    Examples: Amanda
      | backup                                                       |
      | ba-nightly config for localhost /srv/fixtures/nightly/bitrot |

    Examples: restic
      | backup                                                                                                  |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/bitrot |

  # A text file is no gzip archive: the tool's own check rejects it on both systems, by its exit status.
  Scenario Outline: Restored data its own tool rejects fails
    Given <backup>
    When the file "canary.txt" is restored
    Then the restored "canary.txt" passes "gzip -t {}"

    Examples: Amanda
      | backup                                             |
      | ba-daily config for localhost /srv/fixtures/canary |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good |

  # No restore takes no time: Amanda's estimate and restic's measured whole restore both exceed 0 hours.
  Scenario Outline: A full restore within no time at all is too slow
    Given <backup>
    Then the disk can be restored within 0 hours

    Examples: Amanda
      | backup                                             |
      | ba-daily config for localhost /srv/fixtures/canary |

    Examples: restic
      | backup                                                                                                |
      | restic repository /var/lib/backup-acceptance/restic-demo/repo for localhost /srv/restic-fixtures/good |
