namespace RegisFlow.Benchmarks.Data;

/// <summary>Names, places and addresses of French buyers, with accents, weighted so that some names are frequent (Dupont) and others rare.</summary>
internal static class FrenchData
{
    /// <summary>Last names; the first ones come back more often, as Martin or Dupont do in a real register.</summary>
    public static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dupont", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau",
        "Laurent", "Simon", "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier",
        "Girard", "Bonnet", "Dupuis", "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure",
        "André", "Mercier", "Blanc", "Guérin", "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier",
        "Garcia", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier",
        "Masson", "Marchand", "Duval", "Denis", "Dumont", "Marie", "Lemaire", "Noël", "Meyer", "Dufour",
        "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière", "Lucas", "Brunet", "Gaillard", "Barbier",
        "Arnaud", "Martínez", "Gérard", "Roche", "Renard", "Schmitt", "Roy", "Leroux", "Colin", "Vidal",
        "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix", "Olivier",
        "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Léger", "Hervé", "Bérenger", "Bouchér", "Lévêque",
        "Pétain-Roussel", "Le Gall", "Le Goff", "Kerjean", "Ménard", "Prévost", "Hébert", "Chassaing", "Crépin", "Delacroix",
    ];

    public static readonly string[] FirstNames =
    [
        "Marie", "Jean", "Nicolas", "Camille", "Julie", "Pierre", "Sophie", "Louis", "Hélène", "Emma",
        "Jérôme", "Zoé", "Anaïs", "Loïc", "Gaëlle", "François", "Céline", "Chloé", "Léa", "Hugo",
        "Benoît", "Élodie", "Clément", "Noémie", "Raphaël", "Maëlys", "Thibault", "Léon", "Inès", "Mathéo",
        "Manon", "Lucas", "Sarah", "Théo", "Laura", "Antoine", "Pauline", "Maxime", "Océane", "Aurélien",
        "Frédéric", "Stéphanie", "Sébastien", "Valérie", "Gérald", "Agnès", "Joël", "Françoise", "Rémi", "Bérénice",
    ];

    public static readonly string[] Cities =
    [
        "Paris", "Lyon", "Marseille", "Besançon", "Orléans", "Nîmes", "Saint-Étienne", "Angoulême", "Béziers", "Périgueux",
        "Chambéry", "Évreux", "Nantes", "Rennes", "Brest", "Quimper", "Lorient", "Vannes", "Saint-Brieuc", "Morlaix",
        "Lille", "Amiens", "Rouen", "Caen", "Le Mans", "Tours", "Poitiers", "Limoges", "Clermont-Ferrand", "Grenoble",
        "Valence", "Montélimar", "Avignon", "Arles", "Montpellier", "Sète", "Perpignan", "Toulouse", "Pau", "Bayonne",
        "Bordeaux", "Mérignac", "La Rochelle", "Niort", "Angers", "Cholet", "Laval", "Saint-Nazaire", "Épinal", "Nancy",
        "Metz", "Strasbourg", "Colmar", "Mulhouse", "Belfort", "Dijon", "Mâcon", "Châlons-en-Champagne", "Reims", "Troyes",
        "Alger", "Casablanca", "Dakar", "Bruxelles", "Genève", "Lausanne", "Porto", "Lisbonne", "Séville", "Varsovie",
    ];

    public static readonly string[] Streets =
    [
        "rue des Lilas", "avenue Jean-Jaurès", "boulevard Voltaire", "place de l'Église", "rue de la République",
        "chemin des Écoliers", "impasse du Moulin", "rue Victor-Hugo", "allée des Châtaigniers", "quai de la Fosse",
        "rue du Général-de-Gaulle", "route de Besançon", "rue Émile-Zola", "rue de la Gare", "avenue des Frères-Lumière",
        "rue Pasteur", "rue des Peupliers", "cours Lafayette", "rue de l'Hôtel-de-Ville", "chemin de la Côte",
    ];

    /// <summary>Towns of the addresses with their postcodes.</summary>
    public static readonly (string PostCode, string Town)[] Towns =
    [
        ("69003", "Lyon"), ("25000", "Besançon"), ("45000", "Orléans"), ("30000", "Nîmes"), ("42000", "Saint-Étienne"),
        ("44000", "Nantes"), ("29200", "Brest"), ("13001", "Marseille"), ("75011", "Paris"), ("34000", "Montpellier"),
        ("31000", "Toulouse"), ("33000", "Bordeaux"), ("67000", "Strasbourg"), ("21000", "Dijon"), ("73000", "Chambéry"),
        ("16000", "Angoulême"), ("34500", "Béziers"), ("24000", "Périgueux"), ("27000", "Évreux"), ("88000", "Épinal"),
    ];

    public static readonly string[] Authorities =
    [
        "Préfecture du Rhône", "Préfecture du Doubs", "Préfecture du Loiret", "Préfecture du Gard", "Préfecture de la Loire",
        "Préfecture de Loire-Atlantique", "Préfecture du Finistère", "Mairie de Besançon", "Mairie d'Orléans", "Sous-préfecture de Béziers",
    ];

    /// <summary>The stores of the chain and their share of the sales.</summary>
    public static readonly (string Name, string Address, double Share)[] Stores =
    [
        ("Artifices Lyon Part-Dieu", "17 rue de la Villette, 69003 Lyon", 0.30),
        ("Feux de Besançon", "4 place Pasteur, 25000 Besançon", 0.25),
        ("Pyrotechnie d'Orléans", "88 rue Bannier, 45000 Orléans", 0.20),
        ("Fête & Lumière Nîmes", "2 boulevard Gambetta, 30000 Nîmes", 0.15),
        ("Le Bouquet Saint-Étienne", "31 cours Fauriel, 42000 Saint-Étienne", 0.10),
    ];

    /// <summary>Sellers of each store; one is called Hélène, so that a search for "hélène" also finds her sales.</summary>
    public static readonly string[][] Sellers =
    [
        ["Hélène Garnier", "Julien Morel", "Sandrine Faure", "Karim Benali"],
        ["Éric Vauthier", "Aurélie Jacquot", "Mathilde Cuenot"],
        ["Thierry Lenoir", "Séverine Pichon", "Bastien Girault"],
        ["Nadège Roubaud", "Cédric Espinasse", "Ludivine Arnal"],
        ["Grégory Chapuis", "Maëva Bonnefoy", "Rémi Thiollière"],
    ];
}
