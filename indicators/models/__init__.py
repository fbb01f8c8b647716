"""The indicators app's models, one module per concern; Django and the rest of the code import them from here.

    benchmarks.py   EVA's shares per intervention type with their sources, national key facts
    imports.py      DataImport (one file brought in, its progress and preview) and its uploaded bytes
    imported.py     what imports write: practicum-evaluation counts, supervisors' training, workforce
                    statistics, mapping-survey answers
    groupings.py    comparison groupings (DST's municipality groups, …), their groups and members; users' choice
    projection.py   the workforce projection: population projections (children per year) and its assumptions
    targets.py      a municipality's own targets (what is measured, baseline, target, direction, source)
"""

from .benchmarks import Benchmark, BenchmarkSource, KeyFact
from .groupings import ComparisonPreference, Grouping, GroupMembership, MunicipalityGroup
from .imported import (
    Education,
    InterventionSurveyAnswer,
    PracticumEvaluationCount,
    PracticumQuestion,
    PracticumRole,
    SupervisorTrainingCount,
    WorkforceStat,
)
from .imports import DataImport, ImportUpload
from .projection import PopulationProjection, ProjectionAssumption
from .targets import Target

__all__ = ["Benchmark", "BenchmarkSource", "ComparisonPreference", "DataImport", "Education", "GroupMembership",
           "Grouping", "ImportUpload", "InterventionSurveyAnswer", "KeyFact", "MunicipalityGroup",
           "PopulationProjection", "PracticumEvaluationCount", "PracticumQuestion", "PracticumRole",
           "ProjectionAssumption", "SupervisorTrainingCount", "Target", "WorkforceStat"]
