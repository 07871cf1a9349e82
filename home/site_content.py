"""The initial content of the public site, in French, for `setup_site`.

Editors change all of it in the Wagtail admin afterwards; this only fills an empty site.
"""

import uuid


def rich_text(*paragraphs):
    return "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


def question(text, *answer_paragraphs):
    return {
        "type": "question",
        "value": {"question": text, "answer": rich_text(*answer_paragraphs)},
        "id": str(uuid.uuid4()),
    }


def heading(text):
    return {"type": "heading", "value": text, "id": str(uuid.uuid4())}


def paragraph(*paragraphs):
    return {"type": "paragraph", "value": rich_text(*paragraphs), "id": str(uuid.uuid4())}


def bullet_list(items):
    html = "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
    return {"type": "paragraph", "value": html, "id": str(uuid.uuid4())}


def contact_details(before, after=""):
    """The contact phone and e-mail, read from the « Coordonnées » settings when shown."""
    return {
        "type": "contact_details",
        "value": {"before": before, "after": after},
        "id": str(uuid.uuid4()),
    }


FAQ_QUESTIONS = [
    question(
        "Que signifient les termes « non concrétisée » / « en cours » / « concrétisée » ?",
        "L'objectif est de visualiser rapidement l'évolution de la proposition de stage :",
        "« <i>non concrétisée</i> » : aucune structure accompagnante n'a répondu à cette offre "
        "de stage pour le moment",
        "« <i>en cours</i> » : au moins une structure accompagnante s'est déclarée intéressée "
        "par cette proposition de stage et va vous contacter rapidement",
        "« <i>concrétisée</i> » : le stage est pourvu et un candidat est associé à l'offre. "
        "Une fois concrétisée, la proposition de stage n'est visible que par l'employeur et la "
        "structure accompagnante qui y a répondu.",
    ),
    question(
        "Est-il possible de contacter directement une structure accompagnante ?",
        "Oui. Il vous suffit de vous rendre dans l'onglet « Annuaire des SA ». Vous aurez ainsi "
        "accès à toutes les structures accompagnantes inscrites à l'opération DUODAY et "
        "présentes dans le(les) département(s) où votre (vos) offre(s) a (ont) été "
        "proposée(s).",
        "Cliquez sur le nom de la structure accompagnante qui vous intéresse. Dans la fiche, "
        "vous accéderez aux coordonnées (téléphone et mail) du (des) référent(s) DUODAY.",
        "L'annuaire s'ouvre dès que la coordination DuoDay a validé votre structure, après "
        "votre inscription ; vous êtes prévenu(e) par e-mail. En attendant, vous pouvez déjà "
        "publier et gérer vos offres.",
    ),
    question(
        "J'ai beaucoup d'offres à inscrire. Y a-t-il un module d'import ?",
        "Oui. Onglet « Offres » → Cliquez sur « Importer des offres » → Téléchargez le modèle "
        "(Excel ou CSV) et remplissez-le, une ligne par offre → Déposez le fichier : un aperçu "
        "signale chaque erreur par ligne et par colonne avant tout enregistrement → Cliquez sur "
        "« Importer les offres » : elles sont toutes enregistrées d'un coup.",
        "Pour reprendre les offres d'une édition passée : onglet « Offres » → « Reconduire mes "
        "offres ». Pour créer une offre proche d'une autre : ouvrez-la → « Dupliquer cette "
        "offre ».",
    ),
    question(
        "A quoi sert l'onglet « Historique » ?",
        "Une fois l'opération DUODAY passée, vous aurez la possibilité de retrouver les noms des "
        "structures accompagnantes et personnes qui ont participé à DUODAY avec vous.",
    ),
    question(
        "Existe-t-il des modèles d'attestations de stage ?",
        "Elles sont accessibles dans l'onglet « Ressources Documentaires »",
    ),
    question(
        "Je souhaiterais communiquer sur l'opération DUODAY. Y a-t-il des outils ?",
        "Vous pouvez télécharger le logo, les flyers ou affiches dans l'onglet « Ressources "
        "Documentaires »",
    ),
]

GUIDE_INTRO = (
    "Vous trouverez ci-dessous les réponses à certaines questions fréquemment posées ainsi que "
    "les différentes fonctionnalités de votre espace personnel."
)

GUIDE_BODY = [
    heading("1. A quoi sert mon espace personnel"),
    paragraph(
        "A gérer de façon centralisée vos offres de stage et à accéder à la base de données des "
        "structures accompagnantes qui portent la mise en œuvre des duos dans les territoires. "
        "Via mon espace personnel je peux :"
    ),
    bullet_list(
        [
            "Déposer et gérer mes offres de stage",
            "Découvrir et contacter les structures accompagnantes de mon territoire",
            "Exporter mes offres et télécharger l'attestation de stage de mes duos",
            "Accéder à des ressources documentaires",
        ]
    ),
    paragraph(
        "Pour information, chaque structure accompagnante (ESAT, IME, Cap Emploi, France "
        "Travail...) dispose également d'un espace personnel lui permettant de voir vos "
        "propositions de stage et d'y associer une personne en situation de handicap afin de "
        "constituer un duo.",
        "A noter : votre interface vous donne accès aux données relatives à votre département "
        "uniquement.",
        "Vous accédez à votre espace personnel en cliquant sur « Connexion » en haut à droite, "
        "puis en renseignant vos identifiants et mot de passe définis lors de votre inscription.",
    ),
    heading("2.1 Section « Mon compte »"),
    bullet_list(
        [
            "J'y gère les données générales relatives à ma structure.",
            "Je peux les consulter et les modifier.",
        ]
    ),
    question(
        "Comment ajouter un référent ?",
        "Onglet « Mon compte » → Allez en bas de page → Cliquez sur « Ajouter un référent » : "
        "un mail lui sera envoyé pour qu'il active son compte.",
    ),
    question(
        "Comment modifier mon mot de passe ?",
        "Onglet « Mon compte » → Fenêtre « Mot de passe » sur la droite → Cliquez sur "
        "« Modifier mon mot de passe »",
    ),
    question(
        "Comment modifier mes informations ?",
        "Onglet « Mon compte » → Fenêtre « Modifications à apporter » sur la droite → Cliquez "
        "sur « Signaler » → Rédigez votre demande → Cliquez sur « Envoyer »",
    ),
    heading("2.2 Section « Offres »"),
    bullet_list(
        [
            "J'y dépose et gère mes offres de stage qui une fois enregistrées seront accessibles "
            "aux candidats et aux structures accompagnantes du territoire",
        ]
    ),
    question(
        "Comment ajouter une offre ?",
        "Onglet « Offres » → Cliquez en haut à droite sur le bouton « Ajouter une offre » → "
        "Remplissez le formulaire → Cliquez sur le bouton « Valider » en bas de page.",
    ),
    question(
        "Comment modifier les informations d'une offre ?",
        "Onglet « Offres » → Cliquez sur l'offre que vous souhaitez modifier → Cliquez en haut "
        "à droite sur le bouton « Editer cette offre » → Procédez aux modifications → Cliquez "
        "sur le bouton « Valider » en bas de page.",
    ),
    question(
        "Comment supprimer une offre ?",
        "Onglet « Offres » → Cliquez sur l'offre que vous souhaitez supprimer → Cliquez en haut "
        "à droite sur le bouton « Editer cette offre » → Cliquez en haut à droite sur le bouton "
        "« Supprimer cette offre ».",
    ),
    question(
        "Vous ne pouvez toujours pas supprimer cette offre ?",
        "Assurez-vous qu'elle ne soit pas à l'état « Concrétisée » (en haut à droite sur fond "
        "vert). Si c'est le cas, seule la structure accompagnante peut le faire à partir de son "
        "intranet.",
    ),
    question(
        "Comment exporter mes offres ?",
        "Onglet « Offres » → Sous le nombre d'offres, cliquez sur « Exporter (CSV) » ou "
        "« Exporter (XLSX) ». Le fichier reprend les offres de la liste, filtres compris (état, "
        "département, modalité, secteur, recherche) : pour chacune, son état, les structures "
        "accompagnantes intéressées et le duo constitué.",
        "Le fichier XLSX s'ouvre dans Excel ou LibreOffice ; le fichier CSV utilise le "
        "point-virgule comme séparateur.",
    ),
    question(
        "Comment importer plusieurs offres à la fois ?",
        "Onglet « Offres » → Cliquez sur « Importer des offres » : déposez un fichier CSV ou "
        "XLSX rempli à partir du modèle proposé ; chaque erreur vous est signalée avant tout "
        "enregistrement.",
    ),
    question(
        "Comment reprendre mes offres de l'an dernier ?",
        "Onglet « Offres » → Cliquez sur « Reconduire mes offres » : vos offres de l'édition "
        "précédente sont copiées dans l'édition en cours.",
    ),
    question(
        "Comment obtenir l'attestation de stage d'un duo ?",
        "Une fois le duo constitué : onglet « Offres » → Cliquez sur l'offre « Concrétisée » → "
        "Cliquez sur « Télécharger l’attestation ». Vous obtenez un PDF pré-rempli (édition, "
        "date, employeur, offre, nom de la personne, structure accompagnante) à imprimer et à "
        "faire signer. Les attestations des éditions passées sont dans l'onglet « Historique ».",
        "Seuls l'employeur et la structure accompagnante du duo peuvent la télécharger ; la "
        "structure accompagnante la retrouve aussi dans son onglet « Mes duos ». Les modèles "
        "vierges restent dans l'onglet « Ressources Documentaires ».",
    ),
    paragraph(
        "Rappels : si une offre reste « En cours » deux semaines sans qu'un duo soit constitué, "
        "ou si des offres sont encore « Non concrétisée » trois semaines avant le DuoDay, vous "
        "recevez un e-mail de rappel, une seule fois."
    ),
    contact_details("En cas de soucis, contactez-nous au"),
    heading("3. Foire aux questions"),
    *FAQ_QUESTIONS,
    heading("4. Contact"),
    contact_details("Si vous n'avez pas trouvé de réponses à vos questions, contactez-nous au"),
]

KEY_FIGURES = [
    {
        "type": "figure",
        "value": {"figure": "6 000", "label": "employeurs engagés en 2021"},
        "id": str(uuid.uuid4()),
    },
    {
        "type": "figure",
        "value": {"figure": "18 000", "label": "offres de duos publiées"},
        "id": str(uuid.uuid4()),
    },
    {
        "type": "figure",
        "value": {"figure": "1 jour", "label": "en novembre, pendant la SEEPH"},
        "id": str(uuid.uuid4()),
    },
]

ACCESSIBILITY_BODY = [
    paragraph(
        "L'équipe DuoDay s'engage à rendre son service accessible, conformément à l'article 47 "
        "de la loi n° 2005-102 du 11 février 2005."
    ),
    heading("État de conformité"),
    paragraph(
        "Le portail DuoDay est partiellement conforme avec le référentiel général "
        "d'amélioration de l'accessibilité (RGAA) 4.1 : un audit complet est programmé. Chaque "
        "page est vérifiée automatiquement (axe-core) avant chaque mise en ligne."
    ),
    heading("Retour d'information et contact"),
    contact_details(
        "Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez-nous au",
        " pour être orienté vers une alternative accessible ou obtenir le contenu sous une autre "
        "forme",
    ),
    heading("Voies de recours"),
    paragraph(
        "Si vous constatez un défaut d'accessibilité vous empêchant d'accéder à un contenu ou "
        "une fonctionnalité du site, que vous nous le signalez et que vous ne parvenez pas à "
        "obtenir une réponse de notre part, vous êtes en droit de faire parvenir vos doléances "
        "ou une demande de saisine au Défenseur des droits."
    ),
]

LEGAL_NOTICE_BODY = [
    heading("Éditeur du site"),
    paragraph(
        "Le portail DuoDay est édité par l'équipe de coordination nationale de l'opération "
        "DuoDay. Directeur de la publication : le responsable de l'opération DuoDay."
    ),
    heading("Hébergement"),
    paragraph("Le portail est hébergé en France, chez un hébergeur qualifié."),
    heading("Accessibilité"),
    paragraph("La conformité aux normes d'accessibilité est décrite sur la page Accessibilité."),
]

PERSONAL_DATA_BODY = [
    heading("Quelles données ?"),
    paragraph(
        "Nous traitons les données des référents des structures (nom, prénom, adresse e-mail, "
        "téléphone, fonction) et, pour chaque duo, le prénom et le nom de la personne "
        "accompagnée. Aucune information relative au handicap n'est jamais enregistrée."
    ),
    heading("Pourquoi ?"),
    paragraph(
        "Pour organiser l'opération DuoDay : publier les offres, mettre en relation employeurs "
        "et structures accompagnantes, constituer les duos et en garder l'historique."
    ),
    heading("Combien de temps ?"),
    paragraph(
        "Les noms des personnes ayant participé à un duo sont anonymisés trois éditions après "
        "l'opération ; les messages des structures accompagnantes aux employeurs sont effacés "
        "une fois l'édition passée. Un référent peut demander la suppression de son compte à "
        "tout moment sans que l'historique de sa structure soit perdu."
    ),
    heading("Vos droits"),
    contact_details(
        "Vous disposez d'un droit d'accès, de rectification, d'effacement et d'opposition : "
        "contactez-nous au"
    ),
]

ABOUT_BODY = [
    paragraph(
        "DuoDay est une opération nationale qui a lieu chaque année en novembre, pendant la "
        "Semaine européenne pour l'emploi des personnes handicapées. Le temps d'une journée, "
        "une personne en situation de handicap forme un duo avec un professionnel volontaire, "
        "chez un employeur : découverte d'un métier, immersion, premier pas vers l'emploi."
    ),
    heading("Employeurs"),
    paragraph(
        "Entreprises, collectivités, associations : inscrivez-vous, publiez vos offres de duo "
        "et retrouvez les structures accompagnantes de votre territoire."
    ),
    heading("Structures accompagnantes"),
    paragraph(
        "ESAT, IME, Cap Emploi, France Travail, Missions locales, entreprises adaptées : "
        "consultez les offres de votre département et associez-y les personnes que vous "
        "accompagnez."
    ),
]
