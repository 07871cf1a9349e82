from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Texte alternatif"),
        required=False,
        help_text=_("Laisser vide si l'image est décorative."),
    )
    caption = blocks.CharBlock(label=_("Légende"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "home/blocks/image_block.html"


class CallToActionBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Titre"))
    text = blocks.TextBlock(label=_("Texte"), required=False)
    link_label = blocks.CharBlock(label=_("Libellé du bouton"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Ou adresse web"), required=False)

    class Meta:
        icon = "link"
        label = _("Appel à l'action")
        template = "home/blocks/call_to_action_block.html"


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    label = blocks.CharBlock(label=_("Libellé"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Lien vers un document")
        template = "home/blocks/document_link_block.html"


class QuestionBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"))
    answer = blocks.RichTextBlock(label=_("Réponse"))

    class Meta:
        icon = "help"
        label = _("Question / réponse")
        template = "home/blocks/question_block.html"


class KeyFigureBlock(blocks.StructBlock):
    figure = blocks.CharBlock(label=_("Chiffre"), max_length=20)
    label = blocks.CharBlock(label=_("Libellé"), max_length=120)

    class Meta:
        icon = "order"
        label = _("Chiffre clé")


class ContactDetailsBlock(blocks.StructBlock):
    """A sentence ending with the contact phone and e-mail of the « Coordonnées » settings, so
    that changing them there changes them in every page."""

    before = blocks.CharBlock(
        label=_("Texte avant les coordonnées"),
        help_text=_("Par exemple : « En cas de soucis, contactez-nous au »"),
    )
    after = blocks.CharBlock(label=_("Texte après les coordonnées"), required=False)

    class Meta:
        icon = "mail"
        label = _("Coordonnées de contact")
        template = "home/blocks/contact_details_block.html"


class ContentStreamBlock(blocks.StreamBlock):
    """The blocks an editor may use in any content page."""

    heading = blocks.CharBlock(
        label=_("Intertitre"), form_classname="title", template="home/blocks/heading_block.html"
    )
    paragraph = blocks.RichTextBlock(label=_("Texte riche"))
    image = ImageBlock()
    call_to_action = CallToActionBlock()
    document_link = DocumentLinkBlock()
    contact_details = ContactDetailsBlock()


class FaqStreamBlock(blocks.StreamBlock):
    question = QuestionBlock()


class GuideStreamBlock(ContentStreamBlock):
    question = QuestionBlock()
