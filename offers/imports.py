"""« Offres » → « Importer des offres »: read a CSV or XLSX file, check every row, preview.

1. `read_offer_file(upload)` reads the file into rows of cell texts by offer field, with
   their line numbers as the spreadsheet shows them (the header is line 1). A file that
   cannot be read (empty, over 5 MB or 5,000 rows, another format, a corrupt workbook,
   columns missing) raises `ImportFileError` with a French message; nothing else happens.
2. `check_rows(rows, structure, edition, user)` checks each row with `OfferForm`, the
   « Ajouter une offre » form itself: the postcode and its department, the date inside the
   DuoDay week, the referent among the structure's active referents, the sectors… A rule
   added to the form applies to imports too. The column texts only need translating into
   what the form expects (a sector's label into its value, a referent's e-mail into their
   id); an empty optional cell takes the form's own default (« Présentiel », the DuoDay
   date, the importing referent). Errors come back by line and French column name.
   For 5,000 rows to go through in a few seconds, `RowOfferForm` answers the form's
   lookups from the referents and departments loaded once per file, and one form is
   bound to each row in turn (bench/import_offers.py measures it).
3. The view previews the result; on confirmation it checks the rows again and
   `workflow.import_offers` saves every offer, or none.

Why not django-import-export's `ModelResource`: it validates a row through its widgets and
`Model.full_clean()`, not through a form, so OfferForm's rules (postcode ↔ department, the
week, the referents) would have to be written a second time; and it saves row by row,
beside the workflow. Why not tablib's readers: its CSV reader skips blank lines, which
shifts the line numbers the preview gives, and its XLSX reader (import-export's too) opens
the workbook with `data_only=True`, which shows a formula's last computed value where the
import must see the formula to refuse it. So the standard `csv` module and openpyxl read
the file (a few lines each), and tablib writes the CSV template. import-export's `Result`
and `RowResult` are tied to its resources: `ImportRow` holds the same (a row's line, its
values, its errors by column).

Formula injection: a cell that would run as a formula in a spreadsheet
(`portal.spreadsheets.looks_like_formula`), or a formula cell of a workbook, is refused
with an error on its line and column, never stored.
"""

import csv
import datetime
import io
import logging
import unicodedata
import zipfile
from dataclasses import dataclass, field
from functools import partial

import openpyxl
import tablib
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

from directory.models import User
from offers.enums import Modality, Sector
from offers.forms import OfferForm
from offers.models import Offer
from portal.spreadsheets import looks_like_formula, safe_cell

logger = logging.getLogger(__name__)

MAX_FILE_SIZE = 5 * 1024 * 1024
MAX_ROWS = 5000
# A workbook is a zip archive: 5 MB of it must not unpack into gigabytes (a « zip bomb »).
MAX_UNPACKED_SIZE = 100 * 1024 * 1024
MAX_COLUMNS = 50
# The template's sheets; the import reads « Offres », or else the first sheet.
TEMPLATE_SHEET = "Offres"
HELP_SHEET = "Aide"
LISTS_SHEET = "Listes"
ZIP_SIGNATURE = b"PK\x03\x04"
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"  # Excel 97-2003 (.xls)


@dataclass(frozen=True)
class Column:
    """One column of the file: the OfferForm field it fills and its French header."""

    field: str
    header: str
    required: bool
    hint: str = ""


COLUMNS = [
    Column(
        "title", gettext_lazy("Intitulé du poste"), True, gettext_lazy("200 caractères au plus.")
    ),
    Column(
        "description",
        gettext_lazy("Description des missions"),
        True,
        gettext_lazy("Ce que la personne fera pendant la journée."),
    ),
    Column(
        "sector",
        gettext_lazy("Secteur d'activité"),
        True,
        gettext_lazy("L’un des secteurs de la liste (onglet « Listes » du modèle Excel)."),
    ),
    Column("address", gettext_lazy("Adresse"), True, gettext_lazy("Numéro et voie du lieu.")),
    Column("postcode", gettext_lazy("Code postal"), True, gettext_lazy("5 chiffres.")),
    Column("commune", gettext_lazy("Commune"), True, gettext_lazy("La commune du lieu.")),
    Column(
        "department",
        gettext_lazy("Département"),
        False,
        gettext_lazy("Vide : déduit du code postal. Sinon son code (69, 2A, 971) ou son nom."),
    ),
    Column(
        "modality",
        gettext_lazy("Modalité"),
        False,
        gettext_lazy("Présentiel ou Distanciel. Vide : Présentiel."),
    ),
    Column(
        "date",
        gettext_lazy("Date"),
        False,
        gettext_lazy("JJ/MM/AAAA, dans la semaine DuoDay. Vide : la date du DuoDay."),
    ),
    Column("schedule", gettext_lazy("Horaires"), False, gettext_lazy("Par exemple : 9 h – 17 h")),
    Column(
        "accessibility",
        gettext_lazy("Accessibilité du lieu"),
        False,
        gettext_lazy("Accès, ascenseur, stationnement, aménagements possibles…"),
    ),
    Column(
        "referent",
        gettext_lazy("E-mail du référent de l'offre"),
        False,
        gettext_lazy("L’adresse d’un référent actif de votre structure. Vide : vous-même."),
    ),
]
COLUMN_BY_FIELD = {column.field: column for column in COLUMNS}

FORMULA_ERROR = gettext_lazy(
    "Une cellule ne peut pas commencer par =, +, - ou @ (elle serait lue comme une formule) "
    "ni contenir de formule : saisissez le texte lui-même, ou ajoutez un autre caractère "
    "devant."
)
# The message of a cell whose text names no sector, modality, department or referent.
UNKNOWN_VALUE = {
    "sector": gettext_lazy(
        "Secteur inconnu : « %(value)s ». Choisissez l’un des secteurs de la liste."
    ),
    "modality": gettext_lazy(
        "Modalité inconnue : « %(value)s ». Indiquez Présentiel ou Distanciel."
    ),
    "department": gettext_lazy(
        "Département inconnu : « %(value)s ». Indiquez son code (69, 2A, 971) ou "
        "laissez la cellule vide."
    ),
    "referent": gettext_lazy(
        "« %(value)s » n’est l’adresse d’aucun référent actif de votre structure."
    ),
}


class ImportFileError(Exception):
    """The whole file is refused; its message tells the employer why, in French."""


def _normalized(text):
    """Lower case, no accents, one kind of apostrophe, no « * », single spaces."""
    text = str(text).replace("’", "'").replace("\u00a0", " ").casefold()
    text = "".join(
        char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char)
    )
    return " ".join(text.replace("*", " ").split())


def _header_aliases():
    """Normalized header → field: the template's headers, the form's labels, the fields."""
    aliases = {}
    for column in COLUMNS:
        aliases[_normalized(column.header)] = column.field
        aliases[_normalized(column.field)] = column.field
    aliases[_normalized(_("Référent de l'offre"))] = "referent"
    aliases[_normalized(_("Référent"))] = "referent"
    aliases[_normalized(_("E-mail du référent"))] = "referent"
    return aliases


# --- Reading the file ----------------------------------------------------------------------


@dataclass
class OfferFile:
    """What a file holds: for each non-blank data row, its line and its cell texts."""

    name: str
    rows: list  # [(line, {field: text})]
    ignored_headers: list = field(default_factory=list)


def read_offer_file(upload):
    """The rows of an uploaded CSV or XLSX file, or `ImportFileError`."""
    if upload.size == 0:
        raise ImportFileError(_("Le fichier est vide."))
    if upload.size > MAX_FILE_SIZE:
        raise ImportFileError(
            _("Le fichier dépasse 5 Mo : découpez-le en plusieurs fichiers plus petits.")
        )
    content = upload.read()
    kind = _kind_of(upload.name, content)
    lines = _workbook_lines(content) if kind == "xlsx" else _csv_lines(content)
    try:
        return _offer_rows(upload.name, lines)
    except ImportFileError:
        raise
    except csv.Error as error:
        raise ImportFileError(
            _(
                "Ce fichier CSV est mal formé (une cellule de plus de 100 000 caractères, des "
                "guillemets mal fermés…) : enregistrez-le à nouveau au format CSV."
            )
        ) from error
    except Exception as error:
        if kind != "xlsx":
            raise
        # openpyxl reads a damaged workbook lazily, row by row: any failure means the same.
        logger.info("Unreadable workbook %r: %r", upload.name, error)
        raise ImportFileError(_corrupt_workbook_message()) from error


def _corrupt_workbook_message():
    return _(
        "Ce fichier Excel est endommagé ou n’est pas un vrai fichier .xlsx : ouvrez-le dans "
        "votre tableur puis enregistrez-le à nouveau au format .xlsx, ou déposez-le au "
        "format .csv."
    )


def _kind_of(name, content):
    """« xlsx » or « csv », from the extension checked against the first bytes."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension == "xls" or content.startswith(OLE_SIGNATURE):
        raise ImportFileError(
            _(
                "Les fichiers .xls (Excel 97-2003) ne sont pas acceptés : enregistrez le "
                "fichier au format .xlsx ou .csv."
            )
        )
    if extension not in {"csv", "xlsx"}:
        raise ImportFileError(
            _(
                "Format non pris en charge : déposez un fichier .xlsx ou .csv (le modèle est "
                "proposé dans ces deux formats)."
            )
        )
    if content.startswith(ZIP_SIGNATURE):
        return "xlsx"  # a workbook, whatever its name says
    if extension == "xlsx":
        raise ImportFileError(_corrupt_workbook_message())
    return "csv"


def _csv_lines(content):
    """(line, [cell texts]) of a CSV file in UTF-8 or Windows-1252, `;` or `,` separated."""
    if b"\x00" in content:
        raise ImportFileError(
            _(
                "Ce fichier n’est pas un fichier CSV lisible : enregistrez-le au format "
                "« CSV UTF-8 » ou déposez-le au format .xlsx."
            )
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportFileError(
                _(
                    "Le codage des caractères de ce fichier CSV n’est pas reconnu : "
                    "enregistrez-le au format « CSV UTF-8 »."
                )
            ) from error
    header = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=header.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    yield from enumerate(reader, start=1)


def _workbook_lines(content):
    """(line, [cell values]) of the « Offres » sheet of a workbook, or of its first sheet.

    Read with `data_only=False`: a formula cell comes as its formula (« =… »), refused.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except Exception as error:
        logger.info("Unreadable workbook: %r", error)
        raise ImportFileError(_corrupt_workbook_message()) from error
    if unpacked > MAX_UNPACKED_SIZE:
        raise ImportFileError(
            _("Ce fichier Excel est trop volumineux une fois ouvert : découpez-le.")
        )
    try:
        if TEMPLATE_SHEET in workbook.sheetnames:
            sheet = workbook[TEMPLATE_SHEET]
        else:
            sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # do not trust the size the file declares
        header = next(sheet.iter_rows(max_row=1, max_col=MAX_COLUMNS, values_only=True), ())
        width = max((index for index, value in enumerate(header, start=1) if value), default=1)
        yield 1, list(header)
        # Only the header's columns: not 50 cells a row when the file has 12 columns.
        rows = sheet.iter_rows(min_row=2, max_col=width, values_only=True)
        for line, values in enumerate(rows, start=2):
            yield line, list(values)
    finally:
        workbook.close()


def _cell_text(value, field_name):
    """The text of a cell, as the form would receive it: a CSV cell is a str; a workbook's
    may be a number, a date, a time or a formula (an object for array formulas)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, ArrayFormula | DataTableFormula):
        return "=" + str(getattr(value, "text", "") or "")  # refused as a formula
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    # A postcode or a department typed as a number lost its leading zero.
    if field_name == "postcode" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:05d}"
    if field_name == "department" and isinstance(value, int) and not isinstance(value, bool):
        return f"{value:02d}"
    return str(value)


def _is_blank(values):
    return all(value is None or (isinstance(value, str) and not value.strip()) for value in values)


def _columns_of(header_cells):
    """{cell index: field} of the header row, and the headers that match no column."""
    aliases = _header_aliases()
    columns, ignored = {}, []
    for index, cell in enumerate(header_cells):
        text = _cell_text(cell, None)
        if not text:
            continue
        field_name = aliases.get(_normalized(text))
        if field_name is None:
            ignored.append(text)
        elif field_name in columns.values():
            raise ImportFileError(
                _("La colonne « %(header)s » apparaît deux fois dans la ligne 1 (en-têtes).")
                % {"header": COLUMN_BY_FIELD[field_name].header}
            )
        else:
            columns[index] = field_name
    missing = [
        str(column.header)
        for column in COLUMNS
        if column.required and column.field not in columns.values()
    ]
    if missing:
        raise ImportFileError(
            _(
                "La ligne 1 doit donner les noms des colonnes, comme dans le modèle. Colonnes "
                "obligatoires absentes : %(columns)s."
            )
            % {"columns": ", ".join(f"« {header} »" for header in missing)}
        )
    return columns, ignored


def _offer_rows(name, lines):
    lines = iter(lines)
    first = next(lines, None)
    if first is None or _is_blank(first[1]):
        raise ImportFileError(
            _("Le fichier est vide, ou sa ligne 1 ne donne pas les noms des colonnes.")
        )
    columns, ignored = _columns_of(first[1])
    rows = []
    for line, cells in lines:
        if _is_blank(cells):
            continue
        if len(rows) == MAX_ROWS:
            raise ImportFileError(
                _(
                    "Le fichier contient plus de 5 000 offres : découpez-le en plusieurs "
                    "fichiers de 5 000 offres au plus."
                )
            )
        values = {column.field: "" for column in COLUMNS}  # a missing optional column: empty
        for index, field_name in columns.items():
            cell = cells[index] if index < len(cells) else ""
            values[field_name] = _cell_text(cell, field_name)
        rows.append((line, values))
    if not rows:
        raise ImportFileError(
            _(
                "Le fichier ne contient aucune offre : ajoutez une ligne par offre sous la "
                "ligne des noms de colonnes."
            )
        )
    return OfferFile(name=name, rows=rows, ignored_headers=ignored)


# --- Checking the rows ---------------------------------------------------------------------


@dataclass
class ImportRow:
    """One data row: its line, its cell texts, its errors ([(column header or None, message)])
    and, when it has none, the unsaved offer."""

    line: int
    values: dict
    errors: list
    offer: Offer | None = None

    @property
    def is_valid(self):
        return not self.errors

    def as_stored(self):
        return {"line": self.line, "values": self.values, "errors": self.errors}


def error_message(line, column, message):
    """« Ligne 4, colonne « Code postal » : … » (« Ligne 4 : … » for the row as a whole)."""
    if column is None:
        return _("Ligne %(line)s : %(message)s") % {"line": line, "message": message}
    return _("Ligne %(line)s, colonne « %(column)s » : %(message)s") % {
        "line": line,
        "column": column,
        "message": message,
    }


class RowOfferForm(OfferForm):
    """OfferForm, every rule of it, with its lookups served from memory.

    A file of 5,000 rows would otherwise run four queries a row (the referent, the
    department of the postcode, then the model's check that both exist). The referents and
    departments the form's own querysets allow are loaded once per file (`choices`), and
    the lookups answer from them, with the form's own messages: a rule that changes a
    queryset still applies. The model's « this row exists » check of both keys is left out:
    the objects just came from those querysets.
    """

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        for form_field in self.fields.values():
            # Translated once, not for each row's bound fields.
            form_field.label, form_field.help_text = (
                str(form_field.label),
                str(form_field.help_text),
            )
        for name in ("referent", "department"):
            self.fields[name].to_python = partial(_chosen_object, self.fields[name], choices[name])

    def department_of_code(self, code):
        return self.choices["department_codes"][code]

    def rebind(self, data, instance):
        """This form, for another row. Building a form (a deep copy of every field, the
        referents' queryset) costs more than checking a row, so the rows of a file share
        one form, bound to each in turn; `full_clean()` starts afresh from here."""
        self.data = data
        self.instance = instance
        self._errors = None
        self._bound_fields_cache = {}
        return self

    def _get_validation_exclusions(self):
        return super()._get_validation_exclusions() | {"referent", "department"}

    @classmethod
    def choices_for(cls, structure, edition):
        """The objects the form's choice fields allow, by id, for `RowOfferForm(choices=)`."""
        form = OfferForm(structure=structure, edition=edition)
        referents = {user.pk: user for user in form.fields["referent"].queryset}
        departments = {
            department.pk: department for department in form.fields["department"].queryset
        }
        return {
            "referent": referents,
            "department": departments,
            "department_codes": {
                department.code: department for department in departments.values()
            },
        }


def _chosen_object(field, objects, value):
    """`ModelChoiceField.to_python`, from the objects of its queryset loaded beforehand."""
    if value in field.empty_values:
        return None
    try:
        return objects[int(value)]
    except (KeyError, TypeError, ValueError):
        raise ValidationError(
            field.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
        ) from None


class OfferValidator:
    """Checks the values of many new offers of a structure and an edition, each as the
    add-offer form would, with one `RowOfferForm` and its lookups loaded once."""

    def __init__(self, structure, edition):
        self.structure = structure
        self.edition = edition
        self.choices = RowOfferForm.choices_for(structure, edition)
        self.form = None

    def validated(self, data, offer):
        """The form, bound to `data` for `offer` (new, unsaved) and validated."""
        if self.form is None:
            self.form = RowOfferForm(
                data,
                instance=offer,
                structure=self.structure,
                edition=self.edition,
                choices=self.choices,
            )
        else:
            self.form.rebind(data, offer)
        self.form.is_valid()
        return self.form


class RowChecker:
    """Checks the rows of one file for a structure and an edition."""

    def __init__(self, structure, edition, user):
        self.structure = structure
        self.edition = edition
        self.user = user
        self.validator = OfferValidator(structure, edition)
        self.referent_ids = {
            referent.email.casefold(): pk
            for pk, referent in self.validator.choices["referent"].items()
        }
        self.department_ids = {}
        for pk, department in self.validator.choices["department"].items():
            code, name = department.code, department.name
            for key in (code, name, f"{code} {name}"):
                self.department_ids[_department_key(key)] = pk
        self.sectors = _choice_lookup(Sector)
        self.modalities = _choice_lookup(Modality)

    def check(self, line, values):
        data, errors = self._form_data(values)
        form = self.validator.validated(data, Offer(structure=self.structure, edition=self.edition))
        if form.is_valid() and not errors:
            return ImportRow(line, values, [], form.instance)
        for field_name, field_errors in form.errors.items():
            if field_name in errors:
                continue  # the cell's own error says more than the form's « required »
            errors[field_name] = " ".join(field_errors)
        return ImportRow(line, values, self._ordered(errors))

    def _ordered(self, errors):
        ordered = [
            (str(column.header), errors[column.field])
            for column in COLUMNS
            if column.field in errors
        ]
        ordered += [(None, message) for name, message in errors.items() if name == "__all__"]
        return ordered

    def _form_data(self, values):
        """The form's data from the cell texts, and the cells' own errors by field."""
        data, errors = {}, {}
        for field_name, text in values.items():
            if looks_like_formula(text):
                errors[field_name] = str(FORMULA_ERROR)
            else:
                data[field_name] = text
        lookups = {
            "sector": lambda text: self.sectors.get(_normalized(text)),
            "modality": lambda text: self.modalities.get(_normalized(text)),
            "department": lambda text: self.department_ids.get(_department_key(text)),
            "referent": lambda text: self.referent_ids.get(text.casefold()),
        }
        for field_name, look_up in lookups.items():
            if data.get(field_name):
                data[field_name] = look_up(data[field_name])
                if data[field_name] is None:
                    errors[field_name] = UNKNOWN_VALUE[field_name] % {"value": values[field_name]}
        # An empty cell (not a refused one) takes the default.
        defaults = {
            "modality": Modality.ON_SITE,
            "date": self.edition.duoday_date.strftime("%d/%m/%Y"),
            "referent": self.user.pk,
        }
        for field_name, default in defaults.items():
            if not data.get(field_name) and field_name not in errors:
                data[field_name] = default
        return {name: value for name, value in data.items() if value is not None}, errors


def _department_key(text):
    """« 69 – Rhône », « 69 - rhone », « Rhône » and « 69 » alike; « 2a » as « 2A »."""
    return " ".join(_normalized(text).replace("-", " ").replace("–", " ").split())


def _choice_lookup(choices):
    """Normalized value, label and label's first words (before a comma) → value."""
    lookup = {}
    for value, label in choices.choices:
        lookup[_normalized(value)] = value
        lookup[_normalized(label)] = value
        lookup.setdefault(_normalized(str(label).split(",")[0]), value)
    return lookup


def check_rows(rows, structure, edition, user):
    """An `ImportRow` for each (line, values) of `rows`."""
    checker = RowChecker(structure, edition, user)
    return [checker.check(line, values) for line, values in rows]


# --- The template ---------------------------------------------------------------------------


def template_example(structure, edition, user):
    """One valid row: an offer at the structure's address, on the DuoDay date, whose
    referent is the referent who downloads the template."""
    return {
        "title": _("Agent·e d’accueil (exemple à remplacer)"),
        "description": _(
            "Accueillir les visiteurs avec l’équipe, les orienter et répondre au téléphone."
        ),
        "sector": str(Sector.SERVICES.label),
        "address": structure.address,
        "postcode": structure.postcode,
        "commune": structure.commune,
        "department": structure.department.code,
        "modality": str(Modality.ON_SITE.label),
        "date": edition.duoday_date,
        "schedule": _("9 h – 17 h"),
        "accessibility": _("Locaux de plain-pied, ascenseur."),
        "referent": user.email,
    }


def template_csv(structure, edition, user):
    """The template as CSV text: `;` separated, with a BOM so that Excel reads it as UTF-8."""
    example = template_example(structure, edition, user)
    example["date"] = example["date"].strftime("%d/%m/%Y")
    dataset = tablib.Dataset(headers=[str(column.header) for column in COLUMNS])
    dataset.append([safe_cell(example[column.field]) for column in COLUMNS])
    return "\ufeff" + dataset.export("csv", delimiter=";")


def template_xlsx(structure, edition, user):
    """The template as an XLSX workbook: « Offres » (headers, an example row, drop-down
    lists), « Aide » (what each column expects) and « Listes » (the allowed values)."""
    workbook = openpyxl.Workbook()
    offers = workbook.active
    offers.title = TEMPLATE_SHEET
    bold = Font(bold=True)
    offers.append([str(column.header) for column in COLUMNS])
    example = template_example(structure, edition, user)
    offers.append([safe_cell(example[column.field]) for column in COLUMNS])
    for index, column in enumerate(COLUMNS, start=1):
        letter = get_column_letter(index)
        offers[f"{letter}1"].font = bold
        offers.column_dimensions[letter].width = 40 if column.field == "description" else 24
        if column.field == "date":
            offers[f"{letter}2"].number_format = "DD/MM/YYYY"
        if column.field in {"postcode", "department"}:
            offers[f"{letter}2"].number_format = "@"
    offers.freeze_panes = "A2"

    help_sheet = workbook.create_sheet(HELP_SHEET)
    help_sheet.append([_("Colonne"), _("Obligatoire"), _("Ce qu’elle contient")])
    for column in COLUMNS:
        help_sheet.append(
            [str(column.header), _("oui") if column.required else _("non"), str(column.hint)]
        )
    help_sheet.append([])
    help_sheet.append(
        [
            _(
                "Une ligne par offre, à partir de la ligne 2 de l’onglet « Offres ». Remplacez "
                "la ligne d’exemple. Une cellule ne peut pas commencer par =, +, - ou @."
            )
        ]
    )
    for cell in help_sheet[1]:
        cell.font = bold
    help_sheet.column_dimensions["A"].width = 32
    help_sheet.column_dimensions["B"].width = 12
    help_sheet.column_dimensions["C"].width = 80

    # The allowed values, offered as drop-down lists in the columns that take them (other
    # texts stay possible: the import reads « Commerce » as well as the full label).
    lists = workbook.create_sheet(LISTS_SHEET)
    referent_emails = (
        User.objects.filter(structure=structure, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )
    allowed = [
        ("sector", _("Secteurs d'activité"), [str(label) for _value, label in Sector.choices]),
        ("modality", _("Modalités"), [str(label) for _value, label in Modality.choices]),
        ("referent", _("Référents de votre structure"), list(referent_emails)),
    ]
    offer_columns = [column.field for column in COLUMNS]
    for list_index, (field_name, title, items) in enumerate(allowed, start=1):
        letter = get_column_letter(list_index)
        lists.cell(row=1, column=list_index, value=title).font = bold
        lists.column_dimensions[letter].width = 45
        for row, item in enumerate(items, start=2):
            lists.cell(row=row, column=list_index, value=safe_cell(item))
        validation = DataValidation(
            type="list",
            formula1=f"={LISTS_SHEET}!${letter}$2:${letter}${len(items) + 1}",
            allow_blank=True,
            showErrorMessage=False,
        )
        target = get_column_letter(offer_columns.index(field_name) + 1)
        validation.add(f"{target}2:{target}{MAX_ROWS + 1}")
        offers.add_data_validation(validation)
    for row in offers.iter_rows(min_row=2, max_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top")
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
